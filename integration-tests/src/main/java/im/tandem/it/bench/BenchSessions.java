package im.tandem.it.bench;

import java.time.Duration;

import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

import im.tandem.it.openfire.OpenfireProcess;

/** Plain Smack sessions on a harnessed server, for benchmarks that need to choose when presence is sent. */
final class BenchSessions {
    /** Far above any answer on an idle loopback server; only a stuck server reaches it. */
    static final Duration REPLY_LIMIT = Duration.ofSeconds(30);

    private BenchSessions() {
    }

    /** The password every benchmark account gets: its name with {@code -pw}. */
    static String password(String username) {
        return username + "-pw";
    }

    /**
     * Connects and logs in. Without presence the session runs commands and sends messages but does not count as
     * online, so messages to the account are stored offline.
     */
    static XMPPTCPConnection open(OpenfireProcess server, String username, boolean presence) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(server.domain())
                .setHost(server.host())
                .setPort(server.clientPort())
                .setUsernameAndPassword(username, password(username))
                .setResource("bench")
                .setSecurityMode(ConnectionConfiguration.SecurityMode.disabled)
                .setSendPresence(presence)
                .build());
        connection.setReplyTimeout(REPLY_LIMIT.toMillis());
        connection.connect().login();
        return connection;
    }
}
