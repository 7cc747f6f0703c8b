package im.tandem.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.TandemClient;
import im.tandem.client.connect.ClientConfig;
import im.tandem.it.Holds;
import im.tandem.it.delivery.MailServer;
import im.tandem.it.delivery.RelayServer;
import im.tandem.it.delivery.SmtpProxy;
import im.tandem.it.openfire.OpenfireProcess;
import im.tandem.it.openfire.OpenfireSettings;
import im.tandem.it.postgres.OpenfireSqlErrors;

/**
 * The delivery queue is cluster-safe, for real: two Openfire servers with the plugin share one PostgreSQL
 * database and one SMTP server. A backlog of digests, built while the SMTP server hangs, goes out between the
 * two exactly once under each digest's stable id. When one server is SIGKILLed mid-way, with deliveries in
 * flight whose mail had reached the SMTP server unacknowledged, the survivor finishes the backlog, and the only
 * extra copies are those deliveries sent again under the same id.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("server")
@Tag("external")
class ClusterDeliveryTest {
    /** Enough digests that the two servers' workers contend for claims many times over. */
    private static final int USERS = 40;
    /**
     * Sender threads per server, set explicitly: how many deliveries a server has in flight at most. Four, and
     * polling every tenth of a second, make the two servers go for the same due deliveries often.
     */
    private static final int SENDERS_PER_SERVER = 4;
    /** The shortest poll interval the plugin allows. */
    private static final Duration POLL = Duration.ofMillis(100);
    /** When the SMTP server hangs, every sender of both servers ends up waiting on it. */
    private static final int IN_FLIGHT = 2 * SENDERS_PER_SERVER;
    /** Deliveries let through before the SIGKILL: a good part of the backlog, so that it falls mid-way. */
    private static final int BEFORE_KILL = 12;
    /** Opting forty users in one by one takes half a minute; the servers take this many at once. */
    private static final int OPT_IN_THREADS = 8;
    /** A digest holds one message from a user of each server. */
    private static final int MESSAGES_PER_DIGEST = 2;
    /** Each user's hold-off: storing and filing one server's forty messages takes about a second. */
    private static final Duration HOLD_OFF = Duration.ofSeconds(8);
    /** Generous for a loaded CI machine: the backlog itself drains in a few seconds. */
    private static final Duration WAIT = Duration.ofSeconds(40);
    /** After the queue says everything is sent, a copy still on its way would show up within this. */
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final String BOB = "bob";
    private static final String CAROL = "carol";
    /** The duplicate-key error PostgreSQL logs when both servers open the same digest at once; the loser retries. */
    private static final String OPEN_DIGEST_RACE =
            "duplicate key value violates unique constraint \"tdmdelivery_open_idx\"";
    /**
     * The one PostgreSQL logs when both servers take the same offline message at once (each scans the whole
     * offline store); the loser's transaction is rolled back and the message is queued once.
     */
    private static final String TAKE_RACE = "duplicate key value violates unique constraint \"tdmofflineseen_pk\"";

    /** The Openfire homes are kept when the class fails, so that their logs can be read. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path firstHome;
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path secondHome;

    private static MailServer mail;
    private static SmtpProxy smtp;
    private static TwoServers servers;

    @BeforeAll
    static void startBothServersAndOptEveryoneIn() throws Exception {
        mail = MailServer.start();
        smtp = SmtpProxy.to(mail);
        OpenfireSettings.Builder settings = RelayServer.settings()
                .property("mail.smtp.host", "127.0.0.1")
                .property("mail.smtp.port", Integer.toString(smtp.port()))
                .property("tandem.notify.worker.threads", Integer.toString(SENDERS_PER_SERVER))
                .property("tandem.notify.worker.poll.millis", Long.toString(POLL.toMillis()))
                // The default global cap (60 a minute over both servers) would defer most of two backlogs of 40.
                .property("tandem.notify.cap.global.perMinute", "100000")
                // Long enough for Carol's messages, sent once Bob's are stored, to join the digests Bob's opened.
                .property("tandem.notify.holdoff.default.seconds", Long.toString(HOLD_OFF.toSeconds()))
                .user(BOB, password(BOB))
                .user(CAROL, password(CAROL));
        users().forEach(user -> settings.user(user, password(user)));
        servers = TwoServers.start(firstHome, secondHome, settings);
        optInEveryone();
    }

    @AfterAll
    static void stopAll() {
        try {
            if (servers != null) {
                servers.close();
            }
        } finally {
            smtp.close();
            mail.close();
        }
    }

    /** The codes of the opt-ins at the start: queued at either server, each taken by whichever polled first. */
    @Test
    @Order(1)
    void codesRequestedAtEitherServerGoOutOnceEach() throws Exception {
        List<DeliveredEmail> codes = DeliveredEmail.after(mail, 0);
        assertThat(repeated(codes)).as("codes sent more than once").isEmpty();
        assertThat(codes.stream().map(email -> email.recipients().get(0)).distinct()).as("users with a code")
                .hasSize(USERS);
    }

    @Test
    @Order(2)
    void aBacklogBuiltWhileTheSmtpServerHangsGoesOutOnceBetweenBothServers() throws Exception {
        smtp.stall();
        Round round = sendRound("round 1");
        smtp.awaitHeld(IN_FLIGHT, WAIT);
        List<Integer> logMarks = logSizes();

        smtp.release();
        List<DeliveredEmail> emails = awaitDelivered(round);

        assertEveryUserGotTheirDigest(round, emails);
        assertThat(repeated(emails)).as("digests sent more than once").isEmpty();
        List<String> byFirst = handedOverSince(servers.first(), logMarks.get(0));
        List<String> bySecond = handedOverSince(servers.second(), logMarks.get(1));
        assertThat(byFirst).as("delivered by the first server").isNotEmpty();
        assertThat(bySecond).as("delivered by the second server").isNotEmpty();
        List<String> both = new ArrayList<>(byFirst);
        both.addAll(bySecond);
        assertThat(both).as("each delivery handed over by exactly one server, once")
                .containsExactlyInAnyOrderElementsOf(round.ids());
        System.out.printf("cluster delivery, %d digests: %d sent by the first server, %d by the second%n",
                round.ids().size(), byFirst.size(), bySecond.size());
    }

    @Test
    @Order(3)
    void whenOneServerIsKilledMidwayTheOtherFinishesAndRepeatsOnlyUnderTheSameId() throws Exception {
        smtp.stall();
        Round round = sendRound("round 2");
        smtp.awaitHeld(IN_FLIGHT, WAIT);
        // Part of the backlog goes through; then each sender's next mail reaches the SMTP server, but the reply
        // that it arrived does not: every sender of both servers has a delivery in flight whose mail is there.
        smtp.forwardNext(BEFORE_KILL);
        smtp.holdAcknowledgements();
        await().atMost(WAIT).until(() -> DeliveredEmail.after(mail, round.mailsBefore()).size(),
                count -> count >= BEFORE_KILL + IN_FLIGHT);
        smtp.awaitHeld(IN_FLIGHT, WAIT);
        assertThat(DeliveredEmail.after(mail, round.mailsBefore())).as("delivered before the kill")
                .hasSize(BEFORE_KILL + IN_FLIGHT);
        Set<String> inFlight = QueueRows.sending(servers.database());
        assertThat(inFlight).as("claimed and unfinished at the kill").hasSize(IN_FLIGHT);
        List<Integer> logMarks = logSizes();

        servers.first().kill();
        smtp.release();
        List<DeliveredEmail> emails = awaitDelivered(round);

        assertEveryUserGotTheirDigest(round, emails);
        Map<String, Integer> repeated = repeated(emails);
        // The killed server's deliveries in flight had arrived unacknowledged: the survivor sent each again.
        assertThat(repeated).as("repeated ids").hasSizeGreaterThanOrEqualTo(SENDERS_PER_SERVER);
        assertThat(repeated.keySet()).as("sent twice, always under the same id").isSubsetOf(inFlight);
        assertThat(repeated.values()).as("copies of a repeated id").containsOnly(2);
        assertThat(handedOverSince(servers.first(), 0)).as("the killed server never learned of its last mails")
                .doesNotContainAnyElementsOf(inFlight);
        assertThat(handedOverSince(servers.second(), logMarks.get(1)))
                .as("what was in flight at the kill, finished by the survivor").containsAll(inFlight);
        System.out.printf("cluster delivery after SIGKILL, %d digests: %d in flight at the kill, %d sent twice"
                + " under the same id, none missing%n", round.ids().size(), inFlight.size(), repeated.size());
    }

    /** Last: it covers every statement the other tests made the servers run. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noStatementFailedInPostgresBeyondTheTwoRaces() {
        List<String> errors = OpenfireSqlErrors.unexpected(servers.postgres());
        assertThat(errors).as("errors PostgreSQL logged")
                .allMatch(error -> error.startsWith(OPEN_DIGEST_RACE) || error.startsWith(TAKE_RACE));
        System.out.printf("cluster delivery: both servers opened the same digest at once %d times,"
                + " took the same offline message at once %d times%n",
                errors.stream().filter(error -> error.startsWith(OPEN_DIGEST_RACE)).count(),
                errors.stream().filter(error -> error.startsWith(TAKE_RACE)).count());
    }

    /**
     * Every user verifies an email address, half through each server, over sessions without presence: the
     * users stay offline throughout.
     */
    private static void optInEveryone() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(OPT_IN_THREADS);
        try {
            List<Future<?>> optIns = new ArrayList<>();
            List<String> users = users();
            for (int i = 0; i < users.size(); i++) {
                String user = users.get(i);
                OpenfireProcess server = servers.both().get(i % 2);
                optIns.add(pool.submit(() -> {
                    try (RelayServer.Silent session = RelayServer.silent(server, user, password(user))) {
                        RelayServer.optInByEmail(session.connection(), mail, address(user));
                    }
                    return null;
                }));
            }
            for (Future<?> optIn : optIns) {
                optIn.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Thread.sleep(SETTLE.toMillis());
    }

    /** One round of the backlog: when it began, how many emails the SMTP server had before it, its digests. */
    private record Round(String tag, Instant start, int mailsBefore, List<QueueRows.Digest> digests) {
        Set<String> ids() {
            return digests.stream().map(QueueRows.Digest::id).collect(Collectors.toSet());
        }
    }

    /**
     * Every user gets one message from Bob through the first server and one from Carol through the second,
     * while offline: both servers store them and feed the same digest. Returns once all are queued.
     *
     * <p>Carol's messages go once Bob's are all stored. Two Openfire servers sharing a database without
     * Openfire's clustering take message ids from one counter row, and Openfire 5.1.1 gives up a message (and
     * closes the sender's connection) when the other server moved the counter first; 4.2.0 tries again. The
     * plugin's queue is what this class tests, and both servers still feed each digest.
     */
    private static Round sendRound(String tag) throws Exception {
        int mailsBefore = mail.received().size();
        Instant start = Instant.now();
        try (TandemClient bob = login(servers.first(), BOB); TandemClient carol = login(servers.second(), CAROL)) {
            for (String user : users()) {
                bob.send(JidCreate.entityBareFrom(user + "@" + servers.first().domain()), tag + " from bob");
            }
            awaitQueuedSince(start, USERS);
            for (String user : users()) {
                carol.send(JidCreate.entityBareFrom(user + "@" + servers.second().domain()), tag + " from carol");
            }
            return new Round(tag, start, mailsBefore, awaitQueuedSince(start, USERS * MESSAGES_PER_DIGEST));
        }
    }

    /** The digests made since {@code start}, once they hold this many messages. */
    private static List<QueueRows.Digest> awaitQueuedSince(Instant start, int messages) {
        return await().atMost(WAIT).until(() -> QueueRows.digestsSince(servers.database(), start),
                queued -> queued.stream().mapToInt(QueueRows.Digest::itemCount).sum() == messages);
    }

    /** Waits until the queue has sent every digest of the round and each has reached the SMTP server. */
    private static List<DeliveredEmail> awaitDelivered(Round round) throws Exception {
        await().atMost(WAIT).until(() -> QueueRows.digestsSince(servers.database(), round.start()).stream()
                .allMatch(digest -> digest.state().equals("sent")));
        await().atMost(WAIT).until(() -> DeliveredEmail.after(mail, round.mailsBefore()).stream()
                .map(DeliveredEmail::deliveryId).collect(Collectors.toSet()).containsAll(round.ids()));
        int delivered = DeliveredEmail.after(mail, round.mailsBefore()).size();
        Holds.throughout(SETTLE, () -> assertThat(DeliveredEmail.after(mail, round.mailsBefore()))
                .as("no email after the round's last digest").hasSize(delivered));
        return DeliveredEmail.after(mail, round.mailsBefore());
    }

    /** One digest per user holding both messages, and each email its user's, under the digest's id. */
    private static void assertEveryUserGotTheirDigest(Round round, List<DeliveredEmail> emails) {
        assertThat(round.digests()).extracting(QueueRows.Digest::username)
                .as("one digest per user, whichever server stored each message").containsExactlyElementsOf(users());
        assertThat(round.digests()).allSatisfy(digest -> assertThat(digest.itemCount()).isEqualTo(MESSAGES_PER_DIGEST));
        Map<String, String> userOf = round.digests().stream()
                .collect(Collectors.toMap(QueueRows.Digest::id, QueueRows.Digest::username));
        assertThat(emails).as("emails of %s", round.tag()).isNotEmpty().allSatisfy(email -> {
            assertThat(userOf).as("a delivery of this round").containsKey(email.deliveryId());
            String user = userOf.get(email.deliveryId());
            assertThat(email.messageId()).isEqualTo("<tandem." + email.deliveryId() + "@"
                    + servers.first().domain() + ">");
            assertThat(email.recipients()).containsExactly(address(user));
            assertThat(email.text()).contains(round.tag() + " from bob", round.tag() + " from carol");
        });
        assertThat(emails.stream().map(DeliveredEmail::deliveryId).collect(Collectors.toSet()))
                .as("none missing").isEqualTo(round.ids());
    }

    /** The delivery ids that arrived more than once, with their number of copies. */
    private static Map<String, Integer> repeated(List<DeliveredEmail> emails) {
        Map<String, Integer> copies = new HashMap<>();
        emails.forEach(email -> copies.merge(email.deliveryId(), 1, Integer::sum));
        copies.values().removeIf(count -> count == 1);
        return copies;
    }

    private static List<Integer> logSizes() {
        return servers.both().stream().map(server -> NodeLog.handedOver(server).size()).toList();
    }

    private static List<String> handedOverSince(OpenfireProcess server, int mark) {
        List<String> all = NodeLog.handedOver(server);
        return all.subList(mark, all.size());
    }

    private static TandemClient login(OpenfireProcess server, String user) throws Exception {
        return TandemClient.connect(ClientConfig.forAccount(user + "@" + server.domain(), password(user))
                .server(server.host(), server.clientPort()).build());
    }

    private static List<String> users() {
        return IntStream.range(0, USERS).mapToObj(i -> String.format("user%02d", i)).toList();
    }

    private static String password(String user) {
        return user + "-pw";
    }

    private static String address(String user) {
        return user + "@example.test";
    }
}
