package im.tandem.it.bench;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * The baseline for the delivery rates: messages of a digest's size sent straight into the same SMTP and SMPP
 * servers from this JVM, by as many concurrent senders as the plugin has, each the way Openfire's services send
 * (a new SMTP connection per email, a bound SMPP session kept open).
 */
final class DirectSinkLoad {
    /** Far longer than a few hundred messages take on loopback. */
    private static final Duration LIMIT = Duration.ofMinutes(2);

    private final int senders;

    /** @param senders concurrent senders, as many as the plugin's sender threads */
    DirectSinkLoad(int senders) {
        this.senders = senders;
    }

    /** Emails per second into the SMTP server, from the first arrival to the last. */
    double email(DeliverySink sink, int port, int count) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", InetAddress.getLoopbackAddress().getHostAddress());
        properties.put("mail.smtp.port", Integer.toString(port));
        Session session = Session.getInstance(properties);
        return run(sink, count, "direct%d@example.test", (sender, destinations) -> {
            for (String destination : destinations) {
                Transport.send(digestLikeEmail(session, destination));
            }
        });
    }

    /** SMS per second into the SMPP server, from the first arrival to the last. */
    double sms(DeliverySink sink, int port, int count) throws Exception {
        return run(sink, count, "4916900%06d", (sender, destinations) -> {
            SMPPSession session = new SMPPSession();
            session.connectAndBind(InetAddress.getLoopbackAddress().getHostAddress(), port, new BindParameter(
                    BindType.BIND_TX, "bench" + sender, "secret", "", TypeOfNumber.UNKNOWN,
                    NumberingPlanIndicator.UNKNOWN, null));
            try {
                byte[] text = "Tandem: 1 new message. bench@localhost: the build is green again, see you at ten"
                        .getBytes(StandardCharsets.ISO_8859_1);
                for (String destination : destinations) {
                    session.submitShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "tandem",
                            TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, destination, new ESMClass(),
                            (byte) 0, (byte) 1, null, null, new RegisteredDelivery(), (byte) 0,
                            new GeneralDataCoding(Alphabet.ALPHA_DEFAULT, MessageClass.CLASS1, false), (byte) 0, text);
                }
            } finally {
                session.unbindAndClose();
            }
        });
    }

    private double run(DeliverySink sink, int count, String destinationFormat, Sender send) throws Exception {
        Map<String, Instant> started = new ConcurrentHashMap<>();
        List<List<String>> shares = new ArrayList<>();
        for (int sender = 0; sender < senders; sender++) {
            shares.add(new ArrayList<>());
        }
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            String destination = String.format(destinationFormat, i);
            shares.get(i % senders).add(destination);
            started.put(destination, now);
        }
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int sender = 0; sender < senders; sender++) {
                int id = sender;
                done.add(pool.submit(() -> {
                    send.send(id, shares.get(id));
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return DeliveryRate.perSecond(sink.await(started, LIMIT).values());
    }

    /** Plain text and HTML, as a digest email is. */
    private static MimeMessage digestLikeEmail(Session session, String to) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("noreply@localhost"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("1 new message for bench@localhost while you were away", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("bench@localhost wrote while you were away:\n\n  the build is green again, see you at ten\n",
                "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>bench@localhost wrote while you were away:</p><ul><li>the build is green again, see"
                + " you at ten</li></ul>", "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        return message;
    }

    /** One sender's share of the messages. */
    @FunctionalInterface
    private interface Sender {
        void send(int sender, List<String> destinations) throws Exception;
    }
}
