package im.tandem.openfire.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

import im.tandem.openfire.testing.TestClock;

class SessionCheckTest {
    private static final String STATUS = TandemCommand.NODE + "status";
    private static final String FAILED = TandemCommand.NODE + "failed";
    private static final JID ALICE_PHONE = new JID("alice@example.org/phone");
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CommandSessions sessions = new CommandSessions(clock, () -> TIMEOUT);
    private final SessionCheck check = new SessionCheck(sessions, Set.of(STATUS, FAILED));

    @Test
    void onlyTheFullJidThatStartedASessionMayContinueIt() {
        sessions.started("s1", ALICE_PHONE, STATUS);

        assertThat(check.check(ALICE_PHONE, "s1", STATUS)).isEmpty();
        assertThat(check.check(new JID("bob@example.org/phone"), "s1", STATUS)).contains(SessionCheck.Refusal.NOT_OWNER);
        assertThat(check.check(new JID("alice@example.org/laptop"), "s1", STATUS))
                .contains(SessionCheck.Refusal.NOT_OWNER);
        assertThat(check.check(new JID("alice@example.org"), "s1", STATUS)).contains(SessionCheck.Refusal.NOT_OWNER);
    }

    @Test
    void aSessionContinuesOnlyUnderItsOwnCommand() {
        sessions.started("s1", ALICE_PHONE, STATUS);

        assertThat(check.check(ALICE_PHONE, "s1", FAILED)).contains(SessionCheck.Refusal.OTHER_COMMAND);
        assertThat(check.check(ALICE_PHONE, "s1", "http://jabber.org/protocol/admin#add-user"))
                .contains(SessionCheck.Refusal.OTHER_COMMAND);
    }

    @Test
    void aTandemCommandIsNotContinuedInASessionWeDoNotKnowButOthersAreLeftToOpenfire() {
        assertThat(check.check(ALICE_PHONE, "unknown", STATUS)).contains(SessionCheck.Refusal.UNKNOWN_SESSION);
        assertThat(check.check(ALICE_PHONE, "unknown", "http://jabber.org/protocol/admin#add-user")).isEmpty();
    }

    @Test
    void anEndedSessionIsForgotten() {
        sessions.started("s1", ALICE_PHONE, STATUS);
        sessions.ended("s1");

        assertThat(check.check(ALICE_PHONE, "s1", STATUS)).contains(SessionCheck.Refusal.UNKNOWN_SESSION);
    }

    @Test
    void sessionsOlderThanOpenfiresTimeoutAreForgottenAsNewOnesStart() {
        sessions.started("old", ALICE_PHONE, STATUS);
        clock.advance(TIMEOUT.plusSeconds(1));
        sessions.started("new", ALICE_PHONE, STATUS);

        assertThat(sessions.find("old")).isEmpty();
        assertThat(sessions.find("new")).isPresent();
    }
}
