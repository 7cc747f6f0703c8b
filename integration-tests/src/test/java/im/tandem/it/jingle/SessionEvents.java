package im.tandem.it.jingle;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.session.JingleSession;
import im.tandem.client.jingle.session.JingleSessionListener;
import im.tandem.client.jingle.session.SessionState;

/** Records what a session's listener hears, for a test to wait on in order. */
final class SessionEvents implements JingleSessionListener {
    private final BlockingQueue<SessionState> states = new LinkedBlockingQueue<>();
    private final BlockingQueue<IceUdpTransport> transports = new LinkedBlockingQueue<>();

    @Override
    public void stateChanged(JingleSession session, SessionState from, SessionState to) {
        states.add(to);
    }

    @Override
    public void remoteTransport(JingleSession session, IceUdpTransport transport) {
        transports.add(transport);
    }

    /** Waits until the session reaches {@code expected}, failing on any other state first. */
    void awaitState(SessionState expected, Duration wait) throws InterruptedException {
        SessionState state = states.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (state != expected) {
            throw new AssertionError("expected the session to reach " + expected + " within " + wait + ", got " + state);
        }
    }

    IceUdpTransport nextTransport(Duration wait) throws InterruptedException {
        IceUdpTransport transport = transports.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (transport == null) {
            throw new AssertionError("no transport from the peer within " + wait);
        }
        return transport;
    }
}
