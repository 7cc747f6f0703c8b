package im.tandem.it.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireProcess;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * Contacts who come online at the same moment all see each other online. Openfire before 4.3.0 broadcast a
 * user's available presence before recording it (OF-1433), so a contact whose own presence was recorded in between
 * neither received the broadcast nor found the user available when the server probed for them: the user stayed
 * offline on that contact's roster until their next presence change.
 */
@Tag("server")
class SimultaneousLoginTest {
    /** Users who are all each other's contacts and come online together in every round. */
    private static final int USERS = 12;
    /** Rounds of logins: on 4.2.0 without the repeat half the rounds had a contact stay offline. */
    private static final int ROUNDS = 10;
    /** Far above a presence's trip on an idle loopback server. */
    private static final Duration SEEN_WITHIN = Duration.ofSeconds(5);

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder().build());

    @Test
    void contactsComingOnlineTogetherSeeEachOtherOnline() throws Exception {
        OpenfireProcess server = OPENFIRE.server();
        List<String> users = new ArrayList<>();
        for (int i = 1; i <= USERS; i++) {
            users.add("racer" + i);
            server.ensureUser("racer" + i, "racer" + i + "-pw");
            for (int j = 1; j < i; j++) {
                server.befriend("racer" + j, "racer" + i);
            }
        }
        List<String> missed = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(USERS);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                missed.addAll(comeOnlineTogether(server, users, "round" + round, senders));
            }
        } finally {
            senders.shutdownNow();
        }
        assertThat(missed).as("contacts that stayed offline after all came online together").isEmpty();
    }

    /** Logs every user in, makes them all available at once, and names each contact someone still sees offline. */
    private static List<String> comeOnlineTogether(OpenfireProcess server, List<String> users, String round,
                                                   ExecutorService senders) throws Exception {
        List<XMPPTCPConnection> sessions = new ArrayList<>();
        try {
            for (String user : users) {
                sessions.add(loggedInWithoutPresence(server, user, round));
            }
            CyclicBarrier together = new CyclicBarrier(users.size());
            List<Future<?>> sent = new ArrayList<>();
            for (XMPPTCPConnection session : sessions) {
                sent.add(senders.submit(() -> available(session, together)));
            }
            for (Future<?> each : sent) {
                each.get(SEEN_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            }
            List<String> missed = new ArrayList<>();
            long deadline = System.nanoTime() + SEEN_WITHIN.toNanos();
            for (int i = 0; i < users.size(); i++) {
                for (int j = 0; j < users.size(); j++) {
                    BareJid contact = JidCreate.bareFrom(users.get(j) + "@" + server.domain());
                    if (i != j && !seesOnline(sessions.get(i), contact, deadline)) {
                        missed.add(round + ": " + users.get(i) + " sees " + users.get(j) + " offline");
                    }
                }
            }
            return missed;
        } finally {
            sessions.forEach(XMPPTCPConnection::disconnect);
        }
    }

    /**
     * A session that is logged in and has its roster but is not yet available. Each round has its own resource, so
     * that the previous round's sessions, going offline, cannot be mistaken for this round's.
     */
    private static XMPPTCPConnection loggedInWithoutPresence(OpenfireProcess server, String user, String resource)
            throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(server.domain())
                .setHost(server.host())
                .setPort(server.clientPort())
                .setUsernameAndPassword(user, user + "-pw")
                .setResource(resource)
                .setSecurityMode(ConnectionConfiguration.SecurityMode.disabled)
                .setSendPresence(false)
                .build());
        connection.connect().login();
        Roster.getInstanceFor(connection).reloadAndWait();
        return connection;
    }

    private static Void available(XMPPTCPConnection session, CyclicBarrier together) throws Exception {
        Presence presence = PresenceBuilder.buildPresence().ofType(Presence.Type.available).build();
        together.await();
        session.sendStanza(presence);
        return null;
    }

    private static boolean seesOnline(XMPPTCPConnection session, BareJid contact, long deadline)
            throws InterruptedException {
        Roster roster = Roster.getInstanceFor(session);
        while (!roster.getPresence(contact).isAvailable()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
