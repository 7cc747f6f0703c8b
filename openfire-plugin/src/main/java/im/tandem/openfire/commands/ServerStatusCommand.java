package im.tandem.openfire.commands;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.dom4j.Element;
import org.xmpp.packet.JID;

import im.tandem.ice.stun.StunServerStatistics;

/**
 * For admins: the hosted STUN server's counters and Tandem's settings (secrets masked), the same as the
 * admin console page shows, for admins who manage the server from an XMPP client.
 */
public final class ServerStatusCommand extends ReportCommand {
    /** Not a notify command, so not under the notify node. */
    static final String CODE = "https://tandem.im/ns/admin#server-status";

    private final Supplier<Optional<StunServerStatistics>> stun;
    private final Supplier<Map<String, String>> settings;

    public ServerStatusCommand(Supplier<Optional<StunServerStatistics>> stun, Supplier<Map<String, String>> settings) {
        super(CODE, "Tandem: STUN server and settings (admin)", Permissions.admins());
        this.stun = stun;
        this.settings = settings;
    }

    @Override
    void report(Element command) {
        Element form = form(command, "result", null);
        Optional<StunServerStatistics> counters = stun.get();
        Forms.text(form, "stun_running", "STUN server running on this node", Boolean.toString(counters.isPresent()));
        counters.ifPresent(stats -> {
            Forms.text(form, "stun_requests", "STUN requests", Long.toString(stats.requests()));
            Forms.text(form, "stun_answered", "STUN requests answered", Long.toString(stats.answered()));
            Forms.text(form, "stun_malformed", "STUN packets malformed (dropped)", Long.toString(stats.malformed()));
            Forms.text(form, "stun_rate_limited", "STUN requests rate-limited (dropped)",
                    Long.toString(stats.rateLimited()));
        });
        settings.get().forEach((name, value) -> Forms.text(form, name, name, value));
    }
}
