package im.tandem.client.file;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jxmpp.jid.FullJid;

import im.tandem.client.file.transport.TransportMethod;

/**
 * One file on its way, sent or received. {@link #result()} completes with the {@link TransferResult}, or fails
 * with a {@link FileTransferException} saying why.
 */
public final class FileTransfer {
    /** Which way the file goes. */
    public enum Direction {
        SEND,
        RECEIVE
    }

    private final FullJid peer;
    private final Direction direction;
    private final String name;
    private final long size;
    private final CompletableFuture<TransferResult> result = new CompletableFuture<>();
    private volatile Runnable canceller;
    private volatile TransportMethod route;

    FileTransfer(FullJid peer, Direction direction, String name, long size, Runnable canceller) {
        this.peer = peer;
        this.direction = direction;
        this.name = name;
        this.size = size;
        this.canceller = canceller;
    }

    public FullJid peer() {
        return peer;
    }

    public Direction direction() {
        return direction;
    }

    /** The file's name as offered. */
    public String name() {
        return name;
    }

    public long size() {
        return size;
    }

    /** The transport carrying the bytes, once one is set up. */
    public Optional<TransportMethod> route() {
        return Optional.ofNullable(route);
    }

    public CompletableFuture<TransferResult> result() {
        return result;
    }

    /** Stops the transfer and tells the peer (XEP-0234's {@code <cancel/>}); nothing happens once it is over. */
    public void cancel() {
        canceller.run();
    }

    /** The session that carries the transfer now (a refused offer is made again in a new session). */
    void cancelWith(Runnable newCanceller) {
        this.canceller = newCanceller;
    }

    void routed(TransportMethod method) {
        this.route = method;
    }

    @Override
    public String toString() {
        return direction + " '" + name + "' (" + size + " bytes) " + (direction == Direction.SEND ? "to " : "from ")
                + peer;
    }
}
