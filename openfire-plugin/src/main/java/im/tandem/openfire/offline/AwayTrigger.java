package im.tandem.openfire.offline;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.session.ClientSession;
import org.jivesoftware.openfire.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * Sees every message delivered to a user's device and, when every device of theirs here is away, hands a
 * copy to the intake, which relays it if the user chose to be reached after being away that long. Runs on
 * Openfire's packet thread: it only reads the away tracker and queues. The message itself reached the
 * user's devices; only its relay would be lost if the server crashed in the moment between queueing and
 * the intake writing it down.
 */
public final class AwayTrigger implements PacketInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(AwayTrigger.class);
    /** Messages remembered to recognise a copy delivered to a second away device: more than arrive at once. */
    private static final int REMEMBERED = 1_000;

    private final TriggerRule rule;
    private final AwayTracker away;
    private final Intake intake;
    private final DigestIntake digests;
    private final Clock clock;
    private final Set<String> recent = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    public AwayTrigger(TriggerRule rule, AwayTracker away, Intake intake, DigestIntake digests, Clock clock) {
        this.rule = rule;
        this.away = away;
        this.intake = intake;
        this.digests = digests;
        this.clock = clock;
    }

    @Override
    public void interceptPacket(Packet packet, Session session, boolean incoming, boolean processed) {
        // After delivery to one of the user's own sessions.
        if (incoming || !processed || !(packet instanceof Message message) || !(session instanceof ClientSession)) {
            return;
        }
        try {
            JID device = session.getAddress();
            if (device == null || device.getNode() == null || !rule.relayable(message)) {
                return;
            }
            Optional<Instant> since = away.allAwaySince(device.getNode());
            if (since.isEmpty() || isCopy(device, message)) {
                return;
            }
            StoredMessage copy = new StoredMessage(device.getNode(), message.getFrom().toBareJID(), message.getBody(),
                    clock.instant());
            intake.offer("a message for " + copy.username() + ", who is away",
                    () -> digests.takeWhileAway(copy, since.get()));
        } catch (RuntimeException e) {
            // Never let an exception reach Openfire's delivery of the message.
            LOG.warn("Could not take a message for an away user: {}", e.toString());
        }
    }

    /**
     * A message to the bare JID may be delivered to several devices, each a call here; copies share the
     * sender's stanza id. Without an id there is no telling a copy from a repeated message, and a repeat
     * must not be lost, so such messages are all taken.
     */
    private boolean isCopy(JID device, Message message) {
        return message.getID() != null && !recent.add(device.getNode() + "|" + message.getFrom() + "|" + message.getID());
    }
}
