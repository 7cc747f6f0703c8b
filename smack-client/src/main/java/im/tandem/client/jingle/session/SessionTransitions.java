package im.tandem.client.jingle.session;

import static im.tandem.client.jingle.session.SessionEvent.RECEIVE_ACCEPT;
import static im.tandem.client.jingle.session.SessionEvent.RECEIVE_INITIATE;
import static im.tandem.client.jingle.session.SessionEvent.RECEIVE_PING;
import static im.tandem.client.jingle.session.SessionEvent.RECEIVE_SESSION_INFO;
import static im.tandem.client.jingle.session.SessionEvent.RECEIVE_TERMINATE;
import static im.tandem.client.jingle.session.SessionEvent.RECEIVE_TRANSPORT_ACCEPT;
import static im.tandem.client.jingle.session.SessionEvent.RECEIVE_TRANSPORT_INFO;
import static im.tandem.client.jingle.session.SessionEvent.RECEIVE_TRANSPORT_REJECT;
import static im.tandem.client.jingle.session.SessionEvent.RECEIVE_TRANSPORT_REPLACE;
import static im.tandem.client.jingle.session.SessionEvent.SEND_ACCEPT;
import static im.tandem.client.jingle.session.SessionEvent.SEND_INITIATE;
import static im.tandem.client.jingle.session.SessionEvent.SEND_TERMINATE;
import static im.tandem.client.jingle.session.SessionEvent.SEND_TRANSPORT_ACCEPT;
import static im.tandem.client.jingle.session.SessionEvent.SEND_TRANSPORT_INFO;
import static im.tandem.client.jingle.session.SessionEvent.SEND_TRANSPORT_REJECT;
import static im.tandem.client.jingle.session.SessionEvent.SEND_TRANSPORT_REPLACE;
import static im.tandem.client.jingle.session.SessionEvent.SIGNALLING_FAILED;
import static im.tandem.client.jingle.session.SessionState.ACCEPTED;
import static im.tandem.client.jingle.session.SessionState.NULL;
import static im.tandem.client.jingle.session.SessionState.RECEIVED_INITIATE;
import static im.tandem.client.jingle.session.SessionState.SENT_INITIATE;
import static im.tandem.client.jingle.session.SessionState.TERMINATED;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The complete table of allowed transitions; anything not listed is refused.
 *
 * <pre>
 * NULL              --SEND_INITIATE-->          SENT_INITIATE
 * NULL              --RECEIVE_INITIATE-->       RECEIVED_INITIATE
 * SENT_INITIATE     --RECEIVE_ACCEPT-->         ACCEPTED
 * RECEIVED_INITIATE --SEND_ACCEPT-->            ACCEPTED
 * any live state    --SEND/RECEIVE_TRANSPORT_INFO, RECEIVE_PING, RECEIVE_SESSION_INFO--> itself
 * any live state    --SEND/RECEIVE_TRANSPORT_REPLACE, _ACCEPT, _REJECT--> itself
 * any live state    --SEND/RECEIVE_TERMINATE, SIGNALLING_FAILED--> TERMINATED
 * </pre>
 *
 * "Live" is SENT_INITIATE, RECEIVED_INITIATE and ACCEPTED. Candidates may be trickled while pending (XEP-0176
 * allows transport-info before session-accept, to save round trips); XEP-0166 likewise allows a transport to be
 * replaced in the pending and the active state. TERMINATED is final.
 */
public final class SessionTransitions {
    private static final Map<SessionState, Map<SessionEvent, SessionState>> TABLE = new EnumMap<>(SessionState.class);

    static {
        allow(NULL, SEND_INITIATE, SENT_INITIATE);
        allow(NULL, RECEIVE_INITIATE, RECEIVED_INITIATE);
        allow(SENT_INITIATE, RECEIVE_ACCEPT, ACCEPTED);
        allow(RECEIVED_INITIATE, SEND_ACCEPT, ACCEPTED);
        for (SessionState live : new SessionState[] {SENT_INITIATE, RECEIVED_INITIATE, ACCEPTED}) {
            allow(live, SEND_TRANSPORT_INFO, live);
            allow(live, RECEIVE_TRANSPORT_INFO, live);
            allow(live, RECEIVE_PING, live);
            allow(live, RECEIVE_SESSION_INFO, live);
            allow(live, SEND_TRANSPORT_REPLACE, live);
            allow(live, RECEIVE_TRANSPORT_REPLACE, live);
            allow(live, SEND_TRANSPORT_ACCEPT, live);
            allow(live, RECEIVE_TRANSPORT_ACCEPT, live);
            allow(live, SEND_TRANSPORT_REJECT, live);
            allow(live, RECEIVE_TRANSPORT_REJECT, live);
            allow(live, SEND_TERMINATE, TERMINATED);
            allow(live, RECEIVE_TERMINATE, TERMINATED);
            allow(live, SIGNALLING_FAILED, TERMINATED);
        }
    }

    private SessionTransitions() {
    }

    private static void allow(SessionState from, SessionEvent event, SessionState to) {
        TABLE.computeIfAbsent(from, state -> new EnumMap<>(SessionEvent.class)).put(event, to);
    }

    /** The state {@code event} leads to from {@code from}, or empty when the table does not allow it. */
    public static Optional<SessionState> next(SessionState from, SessionEvent event) {
        return Optional.ofNullable(TABLE.getOrDefault(from, Map.of()).get(event));
    }
}
