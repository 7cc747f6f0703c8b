package im.tandem.client.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

class IncomingAdmissionTest {
    private static final BareJid ALICE = JidCreate.bareFromOrThrowUnchecked("alice@example.org");
    private static final BareJid CAROL = JidCreate.bareFromOrThrowUnchecked("carol@example.org");
    private static final IncomingLimits LIMITS = IncomingLimits.defaults().withMaxSize(1000).withPerContact(2)
            .withTotal(3).withFreeSpaceReserve(500);
    private static final long PLENTY = 1L << 40;

    @Test
    void aFileWithinEveryLimitIsTaken() {
        assertThat(IncomingAdmission.check(LIMITS, ALICE, 1000, List.of(open(ALICE, 10), open(CAROL, 10)), PLENTY))
                .isEmpty();
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedAsAMediaError() {
        assertRefused(IncomingAdmission.check(LIMITS, ALICE, 1001, List.of(), PLENTY), JingleReason.Reason.media_error,
                "larger than the 1000 bytes");
    }

    @Test
    void oneContactCannotOpenMoreThanItsShare() {
        assertRefused(IncomingAdmission.check(LIMITS, ALICE, 1, List.of(open(ALICE, 1), open(ALICE, 1)), PLENTY),
                JingleReason.Reason.busy, "too many files from alice@example.org at once (2");
        assertThat(IncomingAdmission.check(LIMITS, CAROL, 1, List.of(open(ALICE, 1), open(ALICE, 1)), PLENTY))
                .as("another contact still may").isEmpty();
    }

    @Test
    void allContactsTogetherCannotOpenMoreThanTheTotal() {
        assertRefused(IncomingAdmission.check(LIMITS, CAROL, 1,
                List.of(open(ALICE, 1), open(ALICE, 1), open(CAROL, 1)), PLENTY),
                JingleReason.Reason.busy, "too many incoming files at once (3");
    }

    @Test
    void theReserveAndTheFilesStillArrivingMustFitBesideTheFile() {
        // 2000 free: 500 reserved and 700 still arriving leave 800
        assertThat(IncomingAdmission.check(LIMITS, ALICE, 800, List.of(open(CAROL, 700)), 2000)).isEmpty();
        assertRefused(IncomingAdmission.check(LIMITS, ALICE, 801, List.of(open(CAROL, 700)), 2000),
                JingleReason.Reason.decline, "not enough free disk space");
    }

    @Test
    void hugeSizesDoNotOverflowIntoFitting() {
        IncomingLimits unlimited = LIMITS.withMaxSize(Long.MAX_VALUE).withFreeSpaceReserve(Long.MAX_VALUE);

        assertRefused(IncomingAdmission.check(unlimited, ALICE, Long.MAX_VALUE, List.of(), PLENTY),
                JingleReason.Reason.decline, "not enough free disk space");
        assertRefused(IncomingAdmission.check(LIMITS.withMaxSize(Long.MAX_VALUE), ALICE, 1,
                List.of(open(CAROL, Long.MAX_VALUE), open(CAROL, Long.MAX_VALUE)), PLENTY),
                JingleReason.Reason.decline, "not enough free disk space");
    }

    private static IncomingAdmission.Open open(BareJid from, long size) {
        return new IncomingAdmission.Open(from, size);
    }

    private static void assertRefused(Optional<IncomingAdmission.Refusal> refusal, JingleReason.Reason reason,
            String text) {
        assertThat(refusal).hasValueSatisfying(value -> {
            assertThat(value.reason()).isEqualTo(reason);
            assertThat(value.text()).contains(text);
        });
    }
}
