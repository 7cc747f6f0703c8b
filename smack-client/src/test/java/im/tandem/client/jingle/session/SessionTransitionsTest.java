package im.tandem.client.jingle.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The full transition table, written out independently of the production code: every (state, event) pair is
 * checked, the listed ones must lead where the table says and all others must be refused.
 */
class SessionTransitionsTest {
    private static final String EXPECTED = """
            NULL              SEND_INITIATE             SENT_INITIATE
            NULL              RECEIVE_INITIATE          RECEIVED_INITIATE
            SENT_INITIATE     RECEIVE_ACCEPT            ACCEPTED
            SENT_INITIATE     SEND_TRANSPORT_INFO       SENT_INITIATE
            SENT_INITIATE     RECEIVE_TRANSPORT_INFO    SENT_INITIATE
            SENT_INITIATE     RECEIVE_PING              SENT_INITIATE
            SENT_INITIATE     RECEIVE_SESSION_INFO      SENT_INITIATE
            SENT_INITIATE     SEND_TRANSPORT_REPLACE    SENT_INITIATE
            SENT_INITIATE     RECEIVE_TRANSPORT_REPLACE SENT_INITIATE
            SENT_INITIATE     SEND_TRANSPORT_ACCEPT     SENT_INITIATE
            SENT_INITIATE     RECEIVE_TRANSPORT_ACCEPT  SENT_INITIATE
            SENT_INITIATE     SEND_TRANSPORT_REJECT     SENT_INITIATE
            SENT_INITIATE     RECEIVE_TRANSPORT_REJECT  SENT_INITIATE
            SENT_INITIATE     SEND_TERMINATE            TERMINATED
            SENT_INITIATE     RECEIVE_TERMINATE         TERMINATED
            SENT_INITIATE     SIGNALLING_FAILED         TERMINATED
            RECEIVED_INITIATE SEND_ACCEPT               ACCEPTED
            RECEIVED_INITIATE SEND_TRANSPORT_INFO       RECEIVED_INITIATE
            RECEIVED_INITIATE RECEIVE_TRANSPORT_INFO    RECEIVED_INITIATE
            RECEIVED_INITIATE RECEIVE_PING              RECEIVED_INITIATE
            RECEIVED_INITIATE RECEIVE_SESSION_INFO      RECEIVED_INITIATE
            RECEIVED_INITIATE SEND_TRANSPORT_REPLACE    RECEIVED_INITIATE
            RECEIVED_INITIATE RECEIVE_TRANSPORT_REPLACE RECEIVED_INITIATE
            RECEIVED_INITIATE SEND_TRANSPORT_ACCEPT     RECEIVED_INITIATE
            RECEIVED_INITIATE RECEIVE_TRANSPORT_ACCEPT  RECEIVED_INITIATE
            RECEIVED_INITIATE SEND_TRANSPORT_REJECT     RECEIVED_INITIATE
            RECEIVED_INITIATE RECEIVE_TRANSPORT_REJECT  RECEIVED_INITIATE
            RECEIVED_INITIATE SEND_TERMINATE            TERMINATED
            RECEIVED_INITIATE RECEIVE_TERMINATE         TERMINATED
            RECEIVED_INITIATE SIGNALLING_FAILED         TERMINATED
            ACCEPTED          SEND_TRANSPORT_INFO       ACCEPTED
            ACCEPTED          RECEIVE_TRANSPORT_INFO    ACCEPTED
            ACCEPTED          RECEIVE_PING              ACCEPTED
            ACCEPTED          RECEIVE_SESSION_INFO      ACCEPTED
            ACCEPTED          SEND_TRANSPORT_REPLACE    ACCEPTED
            ACCEPTED          RECEIVE_TRANSPORT_REPLACE ACCEPTED
            ACCEPTED          SEND_TRANSPORT_ACCEPT     ACCEPTED
            ACCEPTED          RECEIVE_TRANSPORT_ACCEPT  ACCEPTED
            ACCEPTED          SEND_TRANSPORT_REJECT     ACCEPTED
            ACCEPTED          RECEIVE_TRANSPORT_REJECT  ACCEPTED
            ACCEPTED          SEND_TERMINATE            TERMINATED
            ACCEPTED          RECEIVE_TERMINATE         TERMINATED
            ACCEPTED          SIGNALLING_FAILED         TERMINATED
            """;

    static Stream<Arguments> everyStateAndEvent() {
        Map<String, SessionState> allowed = new HashMap<>();
        EXPECTED.lines().map(String::trim).filter(line -> !line.isEmpty()).forEach(line -> {
            String[] words = line.split("\\s+");
            allowed.put(words[0] + " " + words[1], SessionState.valueOf(words[2]));
        });
        List<Arguments> cases = new ArrayList<>();
        for (SessionState state : SessionState.values()) {
            for (SessionEvent event : SessionEvent.values()) {
                cases.add(Arguments.of(state, event, allowed.get(state + " " + event)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @MethodSource("everyStateAndEvent")
    void theTableAllowsExactlyTheListedTransitions(SessionState from, SessionEvent event, SessionState expected) {
        if (expected == null) {
            assertThat(SessionTransitions.next(from, event)).as("%s in %s", event, from).isEmpty();
        } else {
            assertThat(SessionTransitions.next(from, event)).as("%s in %s", event, from).contains(expected);
        }
    }

    @Test
    void terminatedIsFinal() {
        for (SessionEvent event : SessionEvent.values()) {
            assertThat(SessionTransitions.next(SessionState.TERMINATED, event)).isEmpty();
        }
    }

    @Test
    void aMachineWalksTheInitiatorsPath() {
        SessionStateMachine machine = new SessionStateMachine();
        assertThat(machine.state()).isEqualTo(SessionState.NULL);
        assertThat(machine.fire(SessionEvent.SEND_INITIATE)).isEqualTo(SessionState.SENT_INITIATE);
        assertThat(machine.state().phase()).isEqualTo(SessionPhase.PENDING);
        assertThat(machine.fire(SessionEvent.SEND_TRANSPORT_INFO)).isEqualTo(SessionState.SENT_INITIATE);
        assertThat(machine.fire(SessionEvent.RECEIVE_ACCEPT)).isEqualTo(SessionState.ACCEPTED);
        assertThat(machine.state().phase()).isEqualTo(SessionPhase.ACTIVE);
        assertThat(machine.fire(SessionEvent.RECEIVE_TERMINATE)).isEqualTo(SessionState.TERMINATED);
        assertThat(machine.state().phase()).isEqualTo(SessionPhase.ENDED);
    }

    @Test
    void aRefusedEventLeavesTheStateAloneAndSaysWhy() {
        SessionStateMachine machine = new SessionStateMachine();
        machine.fire(SessionEvent.RECEIVE_INITIATE);

        assertThat(machine.allows(SessionEvent.RECEIVE_ACCEPT)).isFalse();
        assertThatThrownBy(() -> machine.fire(SessionEvent.RECEIVE_ACCEPT))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.state()).isEqualTo(SessionState.RECEIVED_INITIATE);
                    assertThat(e.event()).isEqualTo(SessionEvent.RECEIVE_ACCEPT);
                })
                .hasMessage("RECEIVE_ACCEPT is not allowed in state RECEIVED_INITIATE");
        assertThat(machine.state()).isEqualTo(SessionState.RECEIVED_INITIATE);
    }
}
