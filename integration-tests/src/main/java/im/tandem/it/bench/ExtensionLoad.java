package im.tandem.it.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Offline messages to opted-in accounts, sent by one session, and what the real SMTP and SMPP servers then receive:
 * a burst for the rate at which deliveries drain, and a paced stream for the delay between the end of each
 * message's hold-off and its delivery.
 */
final class ExtensionLoad {
    /** Far longer than the hold-off plus the queue's drain; only a stuck queue reaches it. */
    private static final Duration LIMIT = Duration.ofMinutes(2);

    private final XMPPTCPConnection sender;
    private final String domain;
    private final Duration holdOff;

    ExtensionLoad(XMPPTCPConnection sender, String domain, Duration holdOff) {
        this.sender = sender;
        this.domain = domain;
        this.holdOff = holdOff;
    }

    /**
     * One message to each recipient at once; all become due within the moment the burst took, and the queue then
     * delivers them as fast as it can. Returns deliveries per second, from the first arrival to the last.
     */
    double burst(DeliverySink sink, List<DeliverySink.Recipient> recipients) throws Exception {
        Map<String, Instant> sent = new LinkedHashMap<>();
        for (DeliverySink.Recipient recipient : recipients) {
            send(recipient, "burst");
            sent.put(recipient.destination(), Instant.now());
        }
        return DeliveryRate.perSecond(sink.await(sent, LIMIT).values());
    }

    /**
     * One message every {@code interval}, taking the recipients of the sinks in turn, so that deliveries do not
     * queue behind each other; adds each delivery's delay past the end of its message's hold-off to the sink's
     * samples.
     */
    void paced(Map<DeliverySink, List<DeliverySink.Recipient>> recipients, Duration interval,
            Map<DeliverySink, Samples> delays) throws Exception {
        Map<DeliverySink, Map<String, Instant>> sent = new LinkedHashMap<>();
        recipients.keySet().forEach(sink -> sent.put(sink, new LinkedHashMap<>()));
        int rounds = recipients.values().stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < rounds; i++) {
            for (Map.Entry<DeliverySink, List<DeliverySink.Recipient>> entry : recipients.entrySet()) {
                if (i < entry.getValue().size()) {
                    DeliverySink.Recipient recipient = entry.getValue().get(i);
                    send(recipient, "paced");
                    sent.get(entry.getKey()).put(recipient.destination(), Instant.now());
                    Thread.sleep(interval.toMillis());
                }
            }
        }
        for (Map.Entry<DeliverySink, Map<String, Instant>> entry : sent.entrySet()) {
            Map<String, DeliverySink.Arrival> arrived = entry.getKey().await(entry.getValue(), LIMIT);
            Samples samples = delays.get(entry.getKey());
            entry.getValue().forEach((destination, at) -> samples.add(
                    Duration.between(at.plus(holdOff), arrived.get(destination).at()).toNanos()));
        }
    }

    private void send(DeliverySink.Recipient recipient, String kind) throws Exception {
        sender.sendStanza(sender.getStanzaFactory().buildMessageStanza()
                .to(JidCreate.entityBareFrom(recipient.username() + "@" + domain))
                .ofType(Message.Type.chat)
                .setBody(kind + " message for " + recipient.username() + ": the build is green again, see you at ten")
                .build());
    }
}
