package im.tandem.client.direct;

import java.util.ArrayList;
import java.util.List;

import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.session.JingleSession;

/** Attempts that do nothing by themselves: the test decides how each one ends. */
final class FakeAttempts implements Attempts {
    static final class FakeAttempt implements Attempt {
        private final boolean outgoing;
        final JingleSession session;
        String cancelledBecause;

        FakeAttempt(boolean outgoing, JingleSession session) {
            this.outgoing = outgoing;
            this.session = session;
        }

        @Override
        public boolean outgoing() {
            return outgoing;
        }

        @Override
        public void cancel(String reason) {
            cancelledBecause = reason;
        }
    }

    final List<FakeAttempt> started = new ArrayList<>();

    @Override
    public Attempt initiate(Conversation conversation) {
        FakeAttempt attempt = new FakeAttempt(true, null);
        started.add(attempt);
        return attempt;
    }

    @Override
    public Attempt respond(Conversation conversation, JingleSession session, IceUdpTransport offer) {
        FakeAttempt attempt = new FakeAttempt(false, session);
        started.add(attempt);
        return attempt;
    }

    FakeAttempt last() {
        return started.get(started.size() - 1);
    }
}
