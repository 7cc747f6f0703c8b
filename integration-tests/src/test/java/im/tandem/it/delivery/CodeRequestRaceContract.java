package im.tandem.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import im.tandem.client.notify.CommandOutcome;
import im.tandem.client.notify.NotifyChannel;
import im.tandem.client.notify.NotifySettingsClient;
import im.tandem.it.database.ServerDatabase;
import im.tandem.it.openfire.HarnessPaths;
import im.tandem.it.openfire.OpenfireDistribution;
import im.tandem.it.openfire.OpenfireProcess;

/**
 * Five sessions of one account ask a real Openfire on a real database server for verification codes at once, four
 * each: the account's hourly limit lets exactly that many codes go out, and every other request is refused with
 * why. Each database server's test says how to start it and on which Openfire it can run.
 */
public abstract class CodeRequestRaceContract {
    private static final int SESSIONS = 5;
    private static final int REQUESTS_PER_SESSION = 4;
    private static final int CODES_PER_HOUR = 5;
    /** Accounts raced one after the other: one round may by chance not interleave. */
    private static final List<String> ACCOUNTS = List.of("alice", "bob", "carol", "dave", "erin");

    /** The Openfire home is kept when the race fails, so that its logs can be read. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path home;

    private OpenfireProcess openfire;

    /** Starts the database server and makes an empty database for Openfire. */
    protected abstract ServerDatabase startDatabase();

    /** Stops the database server. */
    protected abstract void stopDatabase();

    /** Whether Openfire can run on this database in this distribution. */
    protected boolean runsOn(OpenfireDistribution distribution) {
        return true;
    }

    /**
     * The race, where Openfire can run on the database: on a distribution that cannot, the test does not exist
     * rather than being skipped (the README says on which releases each runs).
     */
    @TestFactory
    Stream<DynamicTest> fiveSessionsOfOneAccountAskingTwentyTimesAtOnceGetExactlyTheAccountsLimitOfCodes() {
        if (!runsOn(OpenfireDistribution.underTest())) {
            return Stream.empty();
        }
        return Stream.of(dynamicTest("exactly the account's limit of codes goes out", this::raceOnItsOwnServer));
    }

    private void raceOnItsOwnServer() throws Exception {
        try (MailServer mail = MailServer.start()) {
            ServerDatabase database = startDatabase();
            try {
                openfire = OpenfireProcess.start(home, RelayServer.settings(mail)
                        .property("tandem.notify.code.perAccountPerHour", Integer.toString(CODES_PER_HOUR))
                        .user("alice", "alice-pw").user("bob", "bob-pw").user("carol", "carol-pw")
                        .user("dave", "dave-pw").user("erin", "erin-pw")
                        .database(database.jdbcUrl(), database.user(), database.password())
                        .build(), HarnessPaths.pluginJar());
                try {
                    raceEveryAccount(mail);
                } finally {
                    openfire.close();
                }
            } finally {
                stopDatabase();
            }
        }
    }

    private void raceEveryAccount(MailServer mail) throws Exception {
        for (String account : ACCOUNTS) {
            race(account);
        }
        // The queue sends each within a poll; a few polls more show that nothing else follows.
        Thread.sleep(RelayServer.HOLD_OFF.toMillis());
        for (String account : ACCOUNTS) {
            int sent = 0;
            for (int i = 0; i < SESSIONS * REQUESTS_PER_SESSION; i++) {
                sent += mail.receivedBy(address(account, i)).size();
            }
            assertThat(sent).as("codes sent for %s", account).isEqualTo(CODES_PER_HOUR);
        }
    }

    private void race(String account) throws Exception {
        List<XMPPTCPConnection> sessions = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(SESSIONS * REQUESTS_PER_SESSION);
        try {
            for (int i = 0; i < SESSIONS; i++) {
                sessions.add(session(account, "device" + i));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CommandOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < SESSIONS * REQUESTS_PER_SESSION; i++) {
                NotifySettingsClient notify = new NotifySettingsClient(sessions.get(i % SESSIONS));
                String address = address(account, i);
                outcomes.add(threads.submit(() -> {
                    go.await();
                    return notify.requestCode(NotifyChannel.EMAIL, address);
                }));
            }
            go.countDown();
            int granted = 0;
            for (Future<CommandOutcome> future : outcomes) {
                CommandOutcome outcome = future.get(RelayServer.WAIT.toSeconds(), TimeUnit.SECONDS);
                if (outcome.ok()) {
                    granted++;
                } else {
                    assertThat(outcome.errors()).singleElement().asString()
                            .startsWith("Too many codes for this account (at most " + CODES_PER_HOUR + " per hour)");
                }
            }
            assertThat(granted).as("requests of %s answered with a code on its way", account)
                    .isEqualTo(CODES_PER_HOUR);
        } finally {
            threads.shutdownNow();
            sessions.forEach(XMPPTCPConnection::disconnect);
        }
    }

    private static String address(String account, int request) {
        return account + request + "@example.test";
    }

    private XMPPTCPConnection session(String account, String resource) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(openfire.domain())
                .setHost(openfire.host())
                .setPort(openfire.clientPort())
                .setUsernameAndPassword(account, account + "-pw")
                .setResource(resource)
                .setSecurityMode(ConnectionConfiguration.SecurityMode.disabled)
                .build());
        connection.setReplyTimeout(RelayServer.WAIT.toMillis());
        connection.connect().login();
        return connection;
    }
}
