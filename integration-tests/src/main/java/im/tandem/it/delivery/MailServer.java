package im.tandem.it.delivery;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import im.tandem.it.net.LoopbackServers;

/**
 * A real SMTP server (GreenMail) on a fixed loopback port, which can be stopped and started again on the
 * same port to play an SMTP outage. What it received survives the restarts. The delivery tests and the
 * delivery benchmark use it.
 */
public final class MailServer implements AutoCloseable {
    /** One message with the moment GreenMail stored it (after the SMTP DATA phase ended). */
    public record Arrival(MimeMessage message, Instant at) {
    }

    private final int port;
    private final List<Arrival> earlier = new ArrayList<>();
    private GreenMail server;

    private MailServer(int port) {
        this.port = port;
    }

    public static MailServer start() {
        MailServer mail = new MailServer(LoopbackServers.freePort());
        mail.up();
        return mail;
    }

    public int port() {
        return port;
    }

    public synchronized void up() {
        if (server != null) {
            return;
        }
        server = new GreenMail(new ServerSetup(port, InetAddress.getLoopbackAddress().getHostAddress(),
                ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** Stops listening: connections are refused until {@link #up()}. */
    public synchronized void down() {
        if (server == null) {
            return;
        }
        earlier.addAll(storedNow());
        server.stop();
        server = null;
    }

    public List<MimeMessage> received() {
        return arrivals().stream().map(Arrival::message).toList();
    }

    /** Everything received, in the order it arrived, with the moment of arrival. */
    public synchronized List<Arrival> arrivals() {
        List<Arrival> all = new ArrayList<>(earlier);
        all.addAll(storedNow());
        return all;
    }

    /** Messages whose recipients include the address. */
    public List<MimeMessage> receivedBy(String address) {
        return received().stream().filter(to(address)).toList();
    }

    /** Waits until {@code count} messages to the address have arrived and returns them. */
    public List<MimeMessage> awaitBy(String address, int count, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            List<MimeMessage> messages = receivedBy(address);
            if (messages.size() >= count) {
                return messages;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + count + " email(s) to " + address + " within " + limit + ", got "
                + receivedBy(address).size());
    }

    @Override
    public synchronized void close() {
        down();
    }

    /** What the running server holds; GreenMail keeps each message with the time it stored it. */
    private List<Arrival> storedNow() {
        if (server == null) {
            return List.of();
        }
        return server.getManagers().getImapHostManager().getAllMessages().stream()
                .map(stored -> new Arrival(stored.getMimeMessage(), stored.getReceivedDate().toInstant()))
                .sorted(Comparator.comparing(Arrival::at))
                .toList();
    }

    private static Predicate<MimeMessage> to(String address) {
        return message -> {
            try {
                return message.getAllRecipients() != null && List.of(message.getAllRecipients()).stream()
                        .anyMatch(recipient -> recipient.toString().contains(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
