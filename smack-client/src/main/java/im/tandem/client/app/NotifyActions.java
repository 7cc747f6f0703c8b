package im.tandem.client.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;

import im.tandem.client.notify.CommandOutcome;
import im.tandem.client.notify.NotifyChannel;
import im.tandem.client.notify.NotifySettingsClient;

/**
 * Carries out {@code /notify} requests with the server's ad-hoc commands and reports each outcome as one
 * {@code notify} event: {@code notify status KEY=VALUE...}, {@code notify ok TEXT} or {@code notify refused TEXT},
 * the text being the server's own words.
 */
final class NotifyActions {
    /** What a status field shows when it has no value. */
    static final String NONE = "-";

    private final Consumer<ChatEvent> out;
    /** The channel a code was last asked for, which {@code /notify verify CODE} means. */
    private volatile NotifyChannel lastRequested;

    NotifyActions(Consumer<ChatEvent> out) {
        this.out = out;
    }

    void run(NotifyRequest request, XMPPConnection connection) throws Exception {
        NotifySettingsClient notify = new NotifySettingsClient(connection);
        try {
            if (request instanceof NotifyRequest.Status) {
                status(notify.status());
            } else if (request instanceof NotifyRequest.RequestCode code) {
                lastRequested = code.channel();
                report(notify.requestCode(code.channel(), code.address()));
            } else if (request instanceof NotifyRequest.Verify verify) {
                NotifyChannel channel = verify.channel().or(() -> Optional.ofNullable(lastRequested))
                        .orElseThrow(() -> new IllegalArgumentException("say which address the code is for:"
                                + " /notify verify email CODE, /notify verify sms CODE or /notify verify fax CODE"));
                report(notify.verify(channel, verify.code()));
            } else if (request instanceof NotifyRequest.Change change) {
                report(notify.update(change.change()));
            } else if (request instanceof NotifyRequest.SwitchOff) {
                report(notify.switchOff());
            }
        } catch (XMPPException.XMPPErrorException e) {
            StanzaError.Condition condition = e.getStanzaError().getCondition();
            if (condition == StanzaError.Condition.item_not_found
                    || condition == StanzaError.Condition.feature_not_implemented) {
                throw new IllegalArgumentException("this server does not offer delivery by email, SMS and fax"
                        + " (it has no Tandem plugin)", e);
            }
            throw e;
        }
    }

    private void report(CommandOutcome outcome) {
        List<String> notes = outcome.ok() ? outcome.infos() : outcome.errors();
        out.accept(ChatEvent.withText("notify", notes.isEmpty() ? "done" : String.join(" ", notes),
                outcome.ok() ? "ok" : "refused"));
    }

    private void status(CommandOutcome status) {
        if (!status.ok()) {
            report(status);
            return;
        }
        List<String> fields = new ArrayList<>();
        fields.add("status");
        fields.add(field("email", status.field("email")));
        fields.add(field("phone", status.field("phone")));
        fields.add(field("fax", status.field("fax")));
        fields.add(field("channels", String.join(",", status.values("channels"))));
        fields.add(field("holdoff", status.field("holdoff").isEmpty() ? "" : status.field("holdoff") + "s"));
        fields.add(field("digest", onOff(status.field("digest"))));
        String start = status.field("quiet_start");
        String end = status.field("quiet_end");
        fields.add(field("quiet", start.isEmpty() || end.isEmpty() ? "" : start + "-" + end));
        fields.add(field("zone", status.field("timezone")));
        fields.add(field("strangers", onOff(status.field("sms_non_contacts"))));
        fields.add(field("waiting", status.field("waiting")));
        String away = status.field("away");
        fields.add(field("away", away.isEmpty() || away.equals("0") ? "" : away + "s"));
        out.accept(new ChatEvent("notify", fields, null));
    }

    /** KEY=VALUE with white space in the value (which the server never sends) made visible rather than splitting. */
    private static String field(String key, String value) {
        return key + "=" + (value.isBlank() ? NONE : value.strip().replaceAll("\\s", "_"));
    }

    /** XEP-0004 booleans are 1/0 or true/false. */
    private static String onOff(String flag) {
        return flag.equals("1") || flag.equalsIgnoreCase("true") ? "on" : "off";
    }
}
