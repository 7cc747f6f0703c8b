package im.tandem.it.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import im.tandem.client.notify.NotifyChannel;
import im.tandem.it.delivery.MailServer;
import im.tandem.it.delivery.SmscServer;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * A real server that extension deliveries land in (the SMTP or the SMPP server), read the same way for both: what
 * arrived, for whom, and when the server had it. Also names the benchmark's recipients on that channel.
 */
final class DeliverySink {
    /** How often arrivals are looked for while waiting; their times come from the server, not from this. */
    private static final Duration POLL = Duration.ofMillis(50);

    /**
     * One message as the server got it.
     *
     * @param destination an email address, or a phone number's digits as SMPP carries them
     * @param text        an email's subject, or an SMS's text
     */
    record Arrival(String destination, String text, Instant at) {
    }

    /**
     * An account that opts in on this channel.
     *
     * @param address     what the user types to opt in
     * @param destination how the server names the recipient
     */
    record Recipient(String username, String address, String destination) {
    }

    private final NotifyChannel channel;
    private final Supplier<List<Arrival>> fresh;
    private final IntFunction<Recipient> recipients;
    private final List<Arrival> seen = new ArrayList<>();

    private DeliverySink(NotifyChannel channel, Supplier<List<Arrival>> fresh, IntFunction<Recipient> recipients) {
        this.channel = channel;
        this.fresh = fresh;
        this.recipients = recipients;
    }

    /** Email into GreenMail; recipient {@code i} is the account {@code mail<i>} at {@code mail<i>@example.test}. */
    static DeliverySink email(MailServer mail) {
        // GreenMail hands out the same stored message objects each time, so identity tells the new ones apart.
        Set<MimeMessage> known = Collections.newSetFromMap(new IdentityHashMap<>());
        return new DeliverySink(NotifyChannel.EMAIL, () -> mail.arrivals().stream()
                .filter(arrival -> known.add(arrival.message()))
                .map(arrival -> new Arrival(recipient(arrival.message()), subject(arrival.message()), arrival.at()))
                .toList(),
                index -> new Recipient("mail" + index, "mail" + index + "@example.test", "mail" + index + "@example.test"));
    }

    /** SMS into the jsmpp SMSC; recipient {@code i} is the account {@code sms<i>} at +49151 and i in 7 digits. */
    static DeliverySink sms(SmscServer smsc) {
        int[] read = {0};
        return new DeliverySink(NotifyChannel.SMS, () -> {
            List<SmscServer.Sms> all = smsc.received();
            List<Arrival> added = all.subList(read[0], all.size()).stream()
                    .map(sms -> new Arrival(sms.destination(), sms.text(), sms.receivedAt())).toList();
            read[0] = all.size();
            return added;
        }, index -> {
            String number = String.format("+49151%07d", index);
            return new Recipient("sms" + index, number, number.substring(1));
        });
    }

    NotifyChannel channel() {
        return channel;
    }

    Recipient recipient(int index) {
        return recipients.apply(index);
    }

    List<Recipient> recipients(int count) {
        List<Recipient> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(recipient(i));
        }
        return all;
    }

    /**
     * Waits until every destination has received something at or after its moment, and returns the first such
     * arrival of each.
     */
    synchronized Map<String, Arrival> await(Map<String, Instant> since, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        Map<String, Arrival> found = new HashMap<>();
        while (true) {
            seen.addAll(fresh.get());
            for (Arrival arrival : seen) {
                Instant from = since.get(arrival.destination());
                if (from != null && !arrival.at().isBefore(from)) {
                    found.merge(arrival.destination(), arrival, (a, b) -> a.at().isBefore(b.at()) ? a : b);
                }
            }
            if (found.size() == since.size()) {
                return found;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(channel.id() + ": " + found.size() + " of " + since.size()
                        + " deliveries arrived within " + limit);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return ((InternetAddress) message.getAllRecipients()[0]).getAddress();
        } catch (MessagingException e) {
            throw new IllegalStateException("an email without a readable recipient", e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException("an email without a readable subject", e);
        }
    }
}
