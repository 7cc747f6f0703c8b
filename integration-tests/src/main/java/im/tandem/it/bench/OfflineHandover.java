package im.tandem.it.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.notify.NotifySettingsClient;
import im.tandem.it.openfire.OpenfireProcess;

/**
 * The offline path, timed: a burst of messages to a user who is offline until the server has stored them all;
 * with the plugin, until its intake has put them all into the user's digest; then the user's login, from the
 * initial presence until every stored message has arrived.
 */
final class OfflineHandover {
    /** Far longer than thousands of messages take on loopback; only a stuck server reaches it. */
    private static final Duration LIMIT = Duration.ofMinutes(2);
    /** How often the digest is looked at while the intake fills it. */
    private static final Duration POLL = Duration.ofMillis(50);

    /** A burst, stored: when it started ({@link System#nanoTime()}) and messages stored per second. */
    record Stored(long startedNanos, double perSecond) {
    }

    private OfflineHandover() {
    }

    static Stored store(OpenfireProcess server, String sender, String recipient, int messages) throws Exception {
        EntityBareJid to = JidCreate.entityBareFrom(recipient + "@" + server.domain());
        XMPPTCPConnection from = BenchSessions.open(server, sender, false);
        try {
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                from.sendStanza(from.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat)
                        .setBody("offline message " + i + ": are we still on for the review of the quarterly figures?")
                        .build());
            }
            // A session's stanzas are handled in order: the answer to this ping means every message is stored.
            if (!PingManager.getInstanceFor(from).pingMyServer(true)) {
                throw new IllegalStateException("the server did not answer a ping after the messages");
            }
            return new Stored(start, perSecond(messages, System.nanoTime() - start));
        } finally {
            from.disconnect();
        }
    }

    /**
     * Waits until the plugin's intake has put all the stored messages into the recipient's email digest, asking
     * the status command from a session without presence (which leaves the digest waiting). Returns messages
     * taken in per second since the burst started.
     */
    static double awaitDigest(OpenfireProcess server, String recipient, Stored burst, int messages) throws Exception {
        XMPPTCPConnection session = BenchSessions.open(server, recipient, false);
        try {
            NotifySettingsClient notify = new NotifySettingsClient(session);
            long deadline = System.nanoTime() + LIMIT.toNanos();
            String taken;
            while (!(taken = notify.status().field("messages_email")).equals(Integer.toString(messages))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(recipient + "'s digest has " + taken + " of " + messages
                            + " messages after " + LIMIT);
                }
                Thread.sleep(POLL.toMillis());
            }
            return perSecond(messages, System.nanoTime() - burst.startedNanos());
        } finally {
            session.disconnect();
        }
    }

    /** Logs the recipient in; returns stored messages handed over per second, from the initial presence on. */
    static double handOver(OpenfireProcess server, String recipient, int messages) throws Exception {
        XMPPTCPConnection receiver = BenchSessions.open(server, recipient, false);
        try {
            CountDownLatch all = new CountDownLatch(messages);
            receiver.addSyncStanzaListener(stanza -> all.countDown(), MessageWithBodiesFilter.INSTANCE);
            long start = System.nanoTime();
            receiver.sendStanza(receiver.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.available)
                    .build());
            if (!all.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(recipient + " got " + (messages - all.getCount()) + " of " + messages
                        + " stored messages within " + LIMIT);
            }
            return perSecond(messages, System.nanoTime() - start);
        } finally {
            receiver.disconnect();
        }
    }

    private static double perSecond(int count, long nanos) {
        return count / (nanos / 1e9);
    }
}
