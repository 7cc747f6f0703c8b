package im.tandem.it.file;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.jingle.element.Jingle;

/**
 * Plays a peer that is not our client: takes over a connection's Jingle requests, acknowledges each and keeps it,
 * so a test sees exactly what our client sent.
 */
final class JingleRecorder extends AbstractIqRequestHandler {
    private final BlockingQueue<IQ> received = new LinkedBlockingQueue<>();

    private JingleRecorder() {
        super(Jingle.ELEMENT, Jingle.NAMESPACE, IQ.Type.set, Mode.sync);
    }

    static JingleRecorder on(XMPPConnection connection) {
        JingleRecorder recorder = new JingleRecorder();
        connection.registerIQRequestHandler(recorder);
        return recorder;
    }

    @Override
    public IQ handleIQRequest(IQ request) {
        received.add(request);
        return IQ.createResultIQ(request);
    }

    Jingle next(Duration wait) throws InterruptedException {
        IQ request = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (!(request instanceof Jingle jingle)) {
            throw new AssertionError("expected a Jingle request within " + wait + ", got " + request);
        }
        return jingle;
    }
}
