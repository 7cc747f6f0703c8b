package im.tandem.it.jingle;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.jingle.element.Jingle;

/**
 * Takes over a connection's Jingle requests: records each one and acknowledges it, so a test can play a peer
 * that is not one of our clients and see exactly what our client sends it.
 */
public final class JingleCapture extends AbstractIqRequestHandler {
    private final BlockingQueue<IQ> received = new LinkedBlockingQueue<>();

    private JingleCapture() {
        super(Jingle.ELEMENT, Jingle.NAMESPACE, IQ.Type.set, Mode.sync);
    }

    /** Replaces the connection's Jingle request handler with a capture. */
    public static JingleCapture on(XMPPConnection connection) {
        JingleCapture capture = new JingleCapture();
        connection.registerIQRequestHandler(capture);
        return capture;
    }

    @Override
    public IQ handleIQRequest(IQ request) {
        received.add(request);
        return IQ.createResultIQ(request);
    }

    /** The next Jingle request received, failing the test if none comes in time. */
    public Jingle next(Duration wait) throws InterruptedException {
        IQ request = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (request == null) {
            throw new AssertionError("no Jingle request arrived within " + wait);
        }
        if (!(request instanceof Jingle jingle)) {
            throw new AssertionError("expected a well-formed Jingle request, got " + request.toXML());
        }
        return jingle;
    }
}
