package im.tandem.openfire.delivery;

/** Sends one message over one channel and says how it went; never throws. */
@FunctionalInterface
public interface ChannelSender {
    SendResult send(OutboundMessage message);
}
