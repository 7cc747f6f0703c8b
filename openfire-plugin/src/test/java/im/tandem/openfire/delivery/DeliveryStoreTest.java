package im.tandem.openfire.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import im.tandem.openfire.notify.DeliveryChannel;
import im.tandem.openfire.storage.Sql;
import im.tandem.openfire.testing.TestDatabase;

/** The queue's rules against a real (in-memory HSQLDB) database, with two stores standing for two servers. */
class DeliveryStoreTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private TestDatabase database;
    private DeliveryStore serverA;
    private DeliveryStore serverB;

    @BeforeEach
    void setUp() throws Exception {
        database = TestDatabase.create();
        serverA = new DeliveryStore(database);
        serverB = new DeliveryStore(database);
    }

    @Test
    void messagesWhileADigestIsHoldingJoinItInOrder() throws Exception {
        String first = serverA.addToDigest("alice", DeliveryChannel.EMAIL, item("bob", "one", 0), T0.plusSeconds(60),
                true, T0);
        String second = serverB.addToDigest("alice", DeliveryChannel.EMAIL, item("carol", "two", 1), T0.plusSeconds(61),
                true, T0.plusSeconds(1));
        String sms = serverA.addToDigest("alice", DeliveryChannel.SMS, item("bob", "one", 0), T0.plusSeconds(60), true,
                T0);

        assertThat(second).isEqualTo(first);
        assertThat(sms).isNotEqualTo(first);
        assertThat(serverA.items(first, 10)).extracting(DigestItem::excerpt).containsExactly("one", "two");
        Claim claim = serverA.claim(first, "a/1", T0.plusSeconds(60), LEASE).orElseThrow();
        assertThat(claim.delivery().itemCount()).isEqualTo(2);
        assertThat(claim.delivery().dueAt()).as("the first message sets the due time").isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void withoutBatchingEveryMessageIsItsOwnDelivery() throws Exception {
        String first = serverA.addToDigest("alice", DeliveryChannel.EMAIL, item("bob", "one", 0), T0, false, T0);
        String second = serverA.addToDigest("alice", DeliveryChannel.EMAIL, item("bob", "two", 1), T0, false, T0);
        assertThat(second).isNotEqualTo(first);
        assertThat(serverA.dueIds(T0, 10)).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void aDeliveryIsClaimedOnlyOnceItIsDue() throws Exception {
        String id = serverA.addToDigest("alice", DeliveryChannel.EMAIL, item("bob", "hi", 0), T0.plusSeconds(60), true,
                T0);
        assertThat(serverA.dueIds(T0.plusSeconds(59), 10)).isEmpty();
        assertThat(serverA.claim(id, "a/1", T0.plusSeconds(59), LEASE)).isEmpty();
        assertThat(serverA.dueIds(T0.plusSeconds(60), 10)).containsExactly(id);
        assertThat(serverA.claim(id, "a/1", T0.plusSeconds(60), LEASE)).isPresent();
    }

    @Test
    void ofTwoServersClaimingTheSameDeliveryExactlyOneWins() throws Exception {
        String id = serverA.addToDigest("alice", DeliveryChannel.EMAIL, item("bob", "hi", 0), T0, true, T0);
        Optional<Claim> a = serverA.claim(id, "a/1", T0, LEASE);
        Optional<Claim> b = serverB.claim(id, "b/1", T0, LEASE);
        assertThat(a).isPresent();
        assertThat(b).isEmpty();
        assertThat(a.get().delivery().attempts()).isEqualTo(1);
    }

    @Test
    void manyWorkersRacingOverManyDeliveriesClaimEachExactlyOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(serverA.addToDigest("user" + i, DeliveryChannel.EMAIL, item("bob", "hi", 0), T0, true, T0));
        }
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<String>>> tasks = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                DeliveryStore store = new DeliveryStore(database);
                String worker = "w" + w;
                tasks.add(() -> {
                    List<String> won = new ArrayList<>();
                    List<String> order = new ArrayList<>(ids);
                    Collections.shuffle(order);
                    for (String id : order) {
                        store.claim(id, worker + "/" + id, T0, LEASE).ifPresent(claim -> won.add(id));
                    }
                    return won;
                });
            }
            List<String> claimed = new ArrayList<>();
            for (Future<List<String>> result : workers.invokeAll(tasks)) {
                claimed.addAll(result.get());
            }
            assertThat(claimed).containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldClaimCanNoLongerFinish() throws Exception {
        String id = serverA.addToDigest("alice", DeliveryChannel.EMAIL, item("bob", "hi", 0), T0, true, T0);
        Claim crashed = serverA.claim(id, "a/1", T0, LEASE).orElseThrow();

        assertThat(serverA.dueIds(T0.plus(LEASE).minusSeconds(1), 10)).as("lease still running").isEmpty();
        assertThat(serverB.claim(id, "b/1", T0.plus(LEASE).minusSeconds(1), LEASE)).isEmpty();
        Instant afterLease = T0.plus(LEASE).plusMillis(1);
        assertThat(serverB.dueIds(afterLease, 10)).containsExactly(id);
        Claim takeover = serverB.claim(id, "b/1", afterLease, LEASE).orElseThrow();
        assertThat(takeover.delivery().id()).as("the same stable id").isEqualTo(id);
        assertThat(takeover.delivery().attempts()).isEqualTo(2);

        assertThat(serverA.markSent(crashed, "alice@example.org", afterLease)).as("stale token").isFalse();
        assertThat(serverB.markSent(takeover, "alice@example.org", afterLease)).isTrue();
        assertThat(serverB.markSent(takeover, "alice@example.org", afterLease)).as("finishes once").isFalse();
        assertThat(serverA.counts().get(DeliveryChannel.EMAIL).get(DeliveryState.SENT)).isEqualTo(1);
    }

    @Test
    void aMessageArrivingAfterTheClaimStartsANewDigest() throws Exception {
        String first = serverA.addToDigest("alice", DeliveryChannel.EMAIL, item("bob", "one", 0), T0, true, T0);
        serverA.claim(first, "a/1", T0, LEASE).orElseThrow();
        String next = serverB.addToDigest("alice", DeliveryChannel.EMAIL, item("bob", "two", 1), T0.plusSeconds(60),
                true, T0.plusSeconds(1));
        assertThat(next).isNotEqualTo(first);
        assertThat(serverA.items(first, 10)).extracting(DigestItem::excerpt).containsExactly("one");
        assertThat(serverA.items(next, 10)).extracting(DigestItem::excerpt).containsExactly("two");
    }

    @Test
    void aFailureRetriesLaterAndUsesAnAttemptWhileADeferralDoesNot() throws Exception {
        String id = serverA.addToDigest("alice", DeliveryChannel.EMAIL, item("bob", "hi", 0), T0, true, T0);
        Claim first = serverA.claim(id, "a/1", T0, LEASE).orElseThrow();
        assertThat(serverA.retryAt(first, T0.plusSeconds(30), "SMTP down", true)).isTrue();
        assertThat(serverA.dueIds(T0.plusSeconds(29), 10)).isEmpty();

        Claim second = serverA.claim(id, "a/2", T0.plusSeconds(30), LEASE).orElseThrow();
        assertThat(second.delivery().attempts()).isEqualTo(2);
        assertThat(second.delivery().lastError()).contains("SMTP down");
        serverA.retryAt(second, T0.plusSeconds(60), "quiet hours", false);

        Claim third = serverA.claim(id, "a/3", T0.plusSeconds(60), LEASE).orElseThrow();
        assertThat(third.delivery().attempts()).as("the deferral gave its attempt back").isEqualTo(2);
        assertThat(serverA.markFailed(third, "gave up", T0.plusSeconds(61))).isTrue();
        assertThat(serverA.dueIds(T0.plusSeconds(3600), 10)).isEmpty();
    }

    @Test
    void comingOnlineCancelsWaitingDigestsButNotCodes() throws Exception {
        serverA.addToDigest("alice", DeliveryChannel.EMAIL, item("bob", "one", 0), T0.plusSeconds(60), true, T0);
        serverA.addToDigest("alice", DeliveryChannel.SMS, item("bob", "one", 0), T0.plusSeconds(60), true, T0);
        String code = serverA.enqueueCode("alice", DeliveryChannel.EMAIL, "alice@example.org", "code", "123456", T0);
        serverA.addToDigest("bob", DeliveryChannel.EMAIL, item("alice", "yo", 0), T0.plusSeconds(60), true, T0);

        assertThat(serverA.cancelWaitingDigests("alice", "came online", T0)).isEqualTo(2);
        assertThat(serverA.unfinished("alice")).extracting(Delivery::id).containsExactly(code);
        assertThat(serverA.unfinished("bob")).hasSize(1);
        String fresh = serverA.addToDigest("alice", DeliveryChannel.EMAIL, item("bob", "two", 1), T0.plusSeconds(90),
                true, T0.plusSeconds(30));
        assertThat(serverA.items(fresh, 10)).extracting(DigestItem::excerpt).containsExactly("two");
    }

    @Test
    void aSentCodeNoLongerKeepsTheCodeInTheQueue() throws Exception {
        String code = serverA.enqueueCode("alice", DeliveryChannel.EMAIL, "alice@example.org",
                "Your Tandem verification code: 123456", "Your code is 123456.", T0);
        Claim claim = serverA.claim(code, "a/1", T0, LEASE).orElseThrow();
        assertThat(claim.delivery().body()).as("the claim carries the text to send").contains("Your code is 123456.");

        assertThat(serverA.markSent(claim, "alice@example.org", T0.plusSeconds(1))).isTrue();
        try (Connection connection = database.open()) {
            List<String> stored = Sql.query(connection, "SELECT subject, body FROM tdmDelivery WHERE id = ?",
                    row -> row.getString(1) + "|" + row.getString(2), code);
            assertThat(stored).containsExactly("null|null");
            assertThat(Sql.count(connection, "SELECT COUNT(*) FROM tdmDelivery WHERE id = ? AND state = 'sent'"
                    + " AND destination = 'alice@example.org'", code)).as("the record of the send stays").isOne();
        }
    }

    @Test
    void aFailedOrCancelledCodeNoLongerKeepsTheCodeInTheQueue() throws Exception {
        String failed = serverA.enqueueCode("alice", DeliveryChannel.EMAIL, "alice@example.org",
                "Your Tandem verification code: 123456", "Your code is 123456.", T0);
        String cancelled = serverA.enqueueCode("bob", DeliveryChannel.SMS, "+4930123456", null,
                "Tandem code: 654321", T0);
        assertThat(serverA.markFailed(serverA.claim(failed, "a/1", T0, LEASE).orElseThrow(), "bounced",
                T0.plusSeconds(1))).isTrue();
        assertThat(serverA.markCancelled(serverA.claim(cancelled, "a/2", T0, LEASE).orElseThrow(), "not allowed",
                T0.plusSeconds(1))).isTrue();
        try (Connection connection = database.open()) {
            assertThat(Sql.count(connection, "SELECT COUNT(*) FROM tdmDelivery WHERE subject IS NULL AND body IS NULL"
                    + " AND lastError IS NOT NULL AND id IN (?, ?)", failed, cancelled)).isEqualTo(2);
        }
        assertThat(serverA.recentFailures(10)).extracting(Delivery::lastError).containsExactly(Optional.of("bounced"));
    }

    @Test
    void adminRetryGivesFailedDeliveriesNewAttemptsAndPurgeDeletesThem() throws Exception {
        String email = serverA.addToDigest("alice", DeliveryChannel.EMAIL, item("bob", "one", 0), T0, true, T0);
        String sms = serverA.addToDigest("alice", DeliveryChannel.SMS, item("bob", "one", 0), T0, true, T0);
        serverA.markFailed(serverA.claim(email, "a/1", T0, LEASE).orElseThrow(), "bounced", T0);
        serverA.markFailed(serverA.claim(sms, "a/2", T0, LEASE).orElseThrow(), "bounced", T0);

        assertThat(serverA.retryFailed(Optional.of(DeliveryChannel.EMAIL), T0.plusSeconds(5))).isEqualTo(1);
        Claim again = serverA.claim(email, "a/3", T0.plusSeconds(5), LEASE).orElseThrow();
        assertThat(again.delivery().attempts()).isEqualTo(1);
        assertThat(serverA.purgeFailed(Optional.empty())).isEqualTo(1);
        assertThat(serverA.items(sms, 10)).isEmpty();
        assertThat(serverA.counts().get(DeliveryChannel.SMS).get(DeliveryState.FAILED)).isZero();
    }

    @Test
    void countsFeedTheCaps() throws Exception {
        for (int i = 0; i < 3; i++) {
            String id = serverA.addToDigest("alice", DeliveryChannel.SMS, item("bob", "m" + i, i), T0, false, T0);
            serverA.markSent(serverA.claim(id, "a/" + i, T0, LEASE).orElseThrow(), "+4915112345678",
                    T0.plusSeconds(i));
        }
        String sending = serverA.addToDigest("carol", DeliveryChannel.EMAIL, item("bob", "x", 0), T0, false, T0);
        serverA.claim(sending, "a/x", T0, LEASE).orElseThrow();

        assertThat(serverA.sentDigestsSince("alice", DeliveryChannel.SMS, T0)).isEqualTo(3);
        assertThat(serverA.sentDigestsSince("alice", DeliveryChannel.SMS, T0.plusSeconds(1))).isEqualTo(2);
        assertThat(serverA.sentDigestsSince("alice", DeliveryChannel.EMAIL, T0)).isZero();
        assertThat(serverA.sentOrSendingSince(T0)).isEqualTo(4);
    }

    private static DigestItem item(String sender, String text, int second) {
        return new DigestItem(sender + "@example.org", text, T0.plusSeconds(second));
    }
}
