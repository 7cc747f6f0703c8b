package im.tandem.client.file.transport;

import java.io.Closeable;
import java.util.concurrent.CompletableFuture;

import org.jivesoftware.smackx.jingle.element.JingleContentTransport;

/**
 * Setting up one transport for one file session. The initiator creates it first and sends {@link #local()} in
 * its session-initiate or transport-replace, then {@link #start starts} it with the responder's answer. The
 * responder creates it from the offer, sends {@link #local()} in its session-accept or transport-accept, then starts
 * it with the offer. Either way {@link #pipe()} completes with the bytes' path, or fails when this transport cannot
 * carry them (the session then tries another).
 */
public interface TransportNegotiation extends Closeable {
    TransportMethod method();

    /** Our transport element. */
    JingleContentTransport local();

    /** Starts connecting with the peer's transport element; returns at once. */
    void start(JingleContentTransport remote) throws BadTransportException;

    /** A transport-info from the peer for this transport. */
    void info(JingleContentTransport info) throws BadTransportException;

    CompletableFuture<BytePipe> pipe();

    /** Stops negotiating and releases everything, including a pipe already handed out. Idempotent. */
    @Override
    void close();
}
