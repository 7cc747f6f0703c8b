package im.tandem.openfire.delivery;

import org.jivesoftware.util.SmsService;

/**
 * Sends SMS through Openfire's own SmsService, over SMPP to the SMSC set by the sms.smpp.* properties. The
 * number goes out as digits without the plus, the international form SMSCs expect with
 * sms.smpp.destination.ton=INTERNATIONAL. Any failure is retried: SMPP error codes that are final are
 * rare, and the attempt limit ends the rest.
 */
public final class SmppSmsSender implements ChannelSender {
    @Override
    public SendResult send(OutboundMessage message) {
        try {
            SmsService.getInstance().sendImmediately(message.text(), message.destination().substring(1));
            return SendResult.sent();
        } catch (Exception e) {
            return SendResult.tryAgain("SMPP: " + SmsService.getDescriptiveMessage(e));
        }
    }
}
