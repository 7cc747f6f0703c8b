package im.tandem.it.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;

import im.tandem.client.notify.CommandOutcome;
import im.tandem.client.notify.NotifySettingsClient;
import im.tandem.client.notify.SettingsChange;
import im.tandem.it.openfire.OpenfireProcess;

/**
 * Opts benchmark accounts in as a user would: through the server's commands, with the one-time code read from
 * what the real SMTP or SMPP server received. The accounts never send presence, so they stay offline.
 */
final class ExtensionOptIn {
    /** The six digits of a one-time code, in an email's subject or an SMS's text. */
    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");
    /** Codes go through the same queue as digests; this is far more than it takes. */
    private static final Duration CODE_LIMIT = Duration.ofMinutes(2);

    private ExtensionOptIn() {
    }

    /** Sets and verifies each recipient's address, then applies {@code then} to its settings, if given. */
    static void optIn(OpenfireProcess server, DeliverySink sink, List<DeliverySink.Recipient> recipients,
            Optional<SettingsChange> then) throws Exception {
        List<XMPPTCPConnection> sessions = new ArrayList<>();
        try {
            Map<String, Instant> asked = new LinkedHashMap<>();
            for (DeliverySink.Recipient recipient : recipients) {
                XMPPTCPConnection session = BenchSessions.open(server, recipient.username(), false);
                sessions.add(session);
                asked.put(recipient.destination(), Instant.now());
                check(new NotifySettingsClient(session).requestCode(sink.channel(), recipient.address()),
                        "asking for a code for " + recipient.address());
            }
            Map<String, DeliverySink.Arrival> codes = sink.await(asked, CODE_LIMIT);
            for (int i = 0; i < recipients.size(); i++) {
                DeliverySink.Recipient recipient = recipients.get(i);
                NotifySettingsClient notify = new NotifySettingsClient(sessions.get(i));
                check(notify.verify(sink.channel(), code(codes.get(recipient.destination()))),
                        "verifying " + recipient.address());
                if (then.isPresent()) {
                    check(notify.update(then.get()), "changing the settings of " + recipient.username());
                }
            }
        } finally {
            sessions.forEach(XMPPTCPConnection::disconnect);
        }
    }

    private static String code(DeliverySink.Arrival arrival) {
        Matcher matcher = CODE.matcher(arrival.text());
        if (!matcher.find()) {
            throw new IllegalStateException("no code in '" + arrival.text() + "' to " + arrival.destination());
        }
        return matcher.group(1);
    }

    private static void check(CommandOutcome outcome, String what) {
        if (!outcome.ok()) {
            throw new IllegalStateException(what + " failed: " + outcome.errors());
        }
    }
}
