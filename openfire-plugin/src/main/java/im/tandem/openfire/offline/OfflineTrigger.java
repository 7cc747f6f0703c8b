package im.tandem.openfire.offline;

import org.jivesoftware.openfire.OfflineMessage;
import org.jivesoftware.openfire.OfflineMessageListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Message;

/**
 * Hears about every message Openfire stores offline, on Openfire's packet thread, and only asks for a scan
 * of the offline store when the message could be relayed. Openfire has written the message to its store
 * before it calls its listeners, so nothing of the message needs to be kept here.
 *
 * <p>Openfire 4.7 changed the callback from {@code messageStored(Message)} to
 * {@code messageStored(OfflineMessage)}; a listener with only the old method makes newer servers throw
 * AbstractMethodError, which closes the sender's connection. This class has both. The class
 * {@code org.jivesoftware.openfire.OfflineMessage} (a Message subclass) already exists in 4.2.0, so the new
 * method compiles against 4.2.0 as a plain extra method; on 4.7 and later the JVM binds the interface
 * method to it by name and descriptor.
 */
public final class OfflineTrigger implements OfflineMessageListener {
    private static final Logger LOG = LoggerFactory.getLogger(OfflineTrigger.class);

    private final TriggerRule rule;
    private final OfflineScan scan;

    public OfflineTrigger(TriggerRule rule, OfflineScan scan) {
        this.rule = rule;
        this.scan = scan;
    }

    /** Openfire 4.2 to 4.6. */
    @Override
    public void messageStored(Message message) {
        take(message);
    }

    /** Openfire 4.7 and later; not an override when compiled against 4.2.0. */
    public void messageStored(OfflineMessage message) {
        take(message);
    }

    /** A bounced message was not stored; its sender got an error, and there is nothing to relay. */
    @Override
    public void messageBounced(Message message) {
        // nothing to do
    }

    private void take(Message message) {
        try {
            if (rule.relayable(message)) {
                scan.request();
            }
        } catch (RuntimeException e) {
            // Never let an exception reach Openfire's routing of someone else's message.
            LOG.warn("Could not take an offline message for extension delivery: {}", e.toString());
        }
    }
}
