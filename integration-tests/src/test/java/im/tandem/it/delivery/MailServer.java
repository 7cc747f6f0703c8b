package im.tandem.it.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) on a fixed loopback port, which can be stopped and started again on the
 * same port to play an SMTP outage. What it received survives the restarts.
 */
final class MailServer implements AutoCloseable {
    private final int port;
    private final List<MimeMessage> earlier = new ArrayList<>();
    private GreenMail server;

    private MailServer(int port) {
        this.port = port;
    }

    static MailServer start() {
        MailServer mail = new MailServer(freeLoopbackPort());
        mail.up();
        return mail;
    }

    int port() {
        return port;
    }

    synchronized void up() {
        if (server != null) {
            return;
        }
        server = new GreenMail(new ServerSetup(port, InetAddress.getLoopbackAddress().getHostAddress(),
                ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** Stops listening: connections are refused until {@link #up()}. */
    synchronized void down() {
        if (server == null) {
            return;
        }
        earlier.addAll(List.of(server.getReceivedMessages()));
        server.stop();
        server = null;
    }

    synchronized List<MimeMessage> received() {
        List<MimeMessage> all = new ArrayList<>(earlier);
        if (server != null) {
            all.addAll(List.of(server.getReceivedMessages()));
        }
        return all;
    }

    /** Messages whose recipients include the address. */
    List<MimeMessage> receivedBy(String address) {
        return received().stream().filter(to(address)).toList();
    }

    /** Waits until {@code count} messages to the address have arrived and returns them. */
    List<MimeMessage> awaitBy(String address, int count, Duration limit) throws InterruptedException {
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

    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
