package im.tandem.openfire.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.openfire.session.ClientSession;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

class FirstPresenceRepeatTest {
    private static final JID ALICE = new JID("alice", "example.org", "phone");

    private final List<String> repeated = new ArrayList<>();
    private final FirstPresenceRepeat repeat = new FirstPresenceRepeat(
            (address, presence) -> repeated.add(address + " " + presence.getStatus()));

    @Test
    void onlyReleasesBeforeTheFixRecordedInOpenfire430NeedTheRepeat() {
        assertThat(FirstPresenceRepeat.needed(4, 2)).isTrue();
        assertThat(FirstPresenceRepeat.needed(3, 10)).isTrue();
        assertThat(FirstPresenceRepeat.needed(4, 3)).isFalse();
        assertThat(FirstPresenceRepeat.needed(4, 8)).isFalse();
        assertThat(FirstPresenceRepeat.needed(5, 1)).isFalse();
    }

    @Test
    void aFirstPresenceOpenfireRecordedIsSentOnceMoreAfterItsProcessing() {
        Presence first = available("here");
        FakeSession alice = new FakeSession(false);

        route(first, alice, true);

        assertThat(repeated).containsExactly(ALICE + " here");
    }

    @Test
    void aPresenceOpenfireRefusedIsNotRepeated() {
        // A session not yet logged in, or one closing: Openfire answers or drops it and records nothing.
        route(available("too early"), new FakeSession(false), false);

        assertThat(repeated).isEmpty();
    }

    @Test
    void laterPresencesDirectedOnesAndUnavailableOnesAreLeftAlone() {
        route(available("second"), new FakeSession(true), true);
        Presence directed = available("to bob");
        directed.setTo(new JID("bob", "example.org", null));
        route(directed, new FakeSession(false), true);
        Presence gone = new Presence(Presence.Type.unavailable);
        route(gone, new FakeSession(false), true);

        assertThat(repeated).isEmpty();
    }

    @Test
    void theSecondCallForAnotherPresenceDoesNotRepeatTheFirst() {
        Presence first = available("first");
        FakeSession alice = new FakeSession(false);
        repeat.interceptPacket(first, alice.proxy(), true, false);
        // An interceptor after this one rejected it: its second call never came. The next presence replaces it.
        route(available("second"), new FakeSession(true), true);
        alice.recorded = first;
        repeat.interceptPacket(first, alice.proxy(), true, true);

        assertThat(repeated).isEmpty();
    }

    /** Openfire's two interceptor calls around its processing, which records the presence or not. */
    private void route(Presence presence, FakeSession session, boolean recorded) {
        presence.setFrom(ALICE);
        repeat.interceptPacket(presence, session.proxy(), true, false);
        if (recorded) {
            session.recorded = presence;
        }
        repeat.interceptPacket(presence, session.proxy(), true, true);
    }

    private static Presence available(String status) {
        Presence presence = new Presence();
        presence.setStatus(status);
        return presence;
    }

    /** The parts of Openfire's client session the repeat reads. */
    private static final class FakeSession {
        private final boolean initialized;
        private Presence recorded = new Presence(Presence.Type.unavailable);

        FakeSession(boolean initialized) {
            this.initialized = initialized;
        }

        ClientSession proxy() {
            return (ClientSession) Proxy.newProxyInstance(ClientSession.class.getClassLoader(),
                    new Class<?>[] {ClientSession.class}, (proxy, method, arguments) -> switch (method.getName()) {
                        case "isInitialized" -> initialized;
                        case "getPresence" -> recorded;
                        case "getAddress" -> ALICE;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
