package im.tandem.openfire.delivery;

import java.util.function.Supplier;

/** Sends an SMS over the transport the admin chose, looked up on every message so a change applies at once. */
public final class SmsSender implements ChannelSender {
    private final Supplier<SmsConfig> config;
    private final ChannelSender smpp;
    private final ChannelSender http;

    public SmsSender(Supplier<SmsConfig> config, ChannelSender smpp, ChannelSender http) {
        this.config = config;
        this.smpp = smpp;
        this.http = http;
    }

    @Override
    public SendResult send(OutboundMessage message) {
        return switch (config.get().transport()) {
            case SMPP -> smpp.send(message);
            case HTTP -> http.send(message);
            // The admin may set a transport later; until the attempts run out the SMS waits for it.
            case NONE -> SendResult.tryAgain("no SMS transport is configured (" + SmsConfig.TRANSPORT + ")");
        };
    }
}
