package im.tandem.client.file;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.jivesoftware.smackx.jingle.element.JingleContentTransport;

import im.tandem.client.file.element.IbbTransport;
import im.tandem.client.file.element.S5bTransport;
import im.tandem.client.file.transport.BytePipe;
import im.tandem.client.file.transport.NegotiationContext;
import im.tandem.client.file.transport.TransportFactory;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.client.file.transport.TransportNegotiation;

/**
 * Transports for tests of the session logic: they speak the real transport elements (so the sessions route and
 * check them as usual) but carry the bytes through in-memory pipes, or fail on purpose. One instance stands for
 * the network between two parties: both parties' factories come from it.
 */
final class MemoryTransports {
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    /** Until this completes, the initiator's end of a working transport does not report open. */
    private volatile CompletableFuture<Void> initiatorOpens = CompletableFuture.completedFuture(null);
    private volatile boolean initiatorCloseFails;
    private volatile boolean initiatorStreamClosedAtOnce;
    private volatile RuntimeException responderReadFailure;

    /**
     * Holds the initiator's end back until {@code gate} completes, as when the answer to an in-band open or a
     * SOCKS5 activation is slow: the responder's end is open, and may be done, before the initiator's is.
     */
    void holdInitiatorOpenUntil(CompletableFuture<Void> gate) {
        initiatorOpens = gate;
    }

    /**
     * Makes closing the initiator's stream fail after the bytes went through, as when the receiver, having them
     * all, closed its end first.
     */
    void failInitiatorClose() {
        initiatorCloseFails = true;
    }

    /**
     * Makes the initiator's stream refuse every write and flush, as an in-band stream does once the receiver has
     * closed it: a receiver of an empty file may do that as soon as the stream opens.
     */
    void closeInitiatorStreamAtOnce() {
        initiatorStreamClosedAtOnce = true;
    }

    /**
     * Makes every read of the responder's stream throw {@code failure}, as a transport with a bug would: not the
     * I/O error a broken path gives.
     */
    void failResponderReadsWith(RuntimeException failure) {
        responderReadFailure = failure;
    }

    /** A factory whose transports connect (when {@code works}) or fail as soon as they start. */
    TransportFactory factory(TransportMethod method, boolean works) {
        return new TransportFactory() {
            @Override
            public TransportNegotiation offer(NegotiationContext context) {
                return new Negotiation(method, UUID.randomUUID().toString(), true, works);
            }

            @Override
            public TransportNegotiation answer(NegotiationContext context, JingleContentTransport offer) {
                String sid = offer instanceof IbbTransport ibb ? ibb.sid() : ((S5bTransport) offer).sid();
                return new Negotiation(method, sid, false, works);
            }
        };
    }

    private Link link(String sid) {
        return links.computeIfAbsent(sid, id -> new Link());
    }

    /** The two directions of one transport. */
    private static final class Link {
        private final Pipe toResponder;
        private final Pipe toInitiator;

        Link() {
            try {
                toResponder = Pipe.open();
                toInitiator = Pipe.open();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final class Negotiation implements TransportNegotiation {
        private final TransportMethod method;
        private final String sid;
        private final boolean initiator;
        private final boolean works;
        private final CompletableFuture<BytePipe> pipe = new CompletableFuture<>();

        Negotiation(TransportMethod method, String sid, boolean initiator, boolean works) {
            this.method = method;
            this.sid = sid;
            this.initiator = initiator;
            this.works = works;
        }

        @Override
        public TransportMethod method() {
            return method;
        }

        @Override
        public JingleContentTransport local() {
            return method == TransportMethod.IBB ? new IbbTransport(4096, sid, IbbTransport.Stanza.IQ)
                    : S5bTransport.candidates(sid, "memory", List.of());
        }

        @Override
        public void start(JingleContentTransport remote) {
            if (!works) {
                pipe.completeExceptionally(new IOException("the memory transport is down"));
                return;
            }
            Link link = link(sid);
            Pipe in = initiator ? link.toInitiator : link.toResponder;
            Pipe out = initiator ? link.toResponder : link.toInitiator;
            RuntimeException readFailure = responderReadFailure;
            InputStream input = !initiator && readFailure != null ? new FilterInputStream(
                    Channels.newInputStream(in.source())) {
                @Override
                public int read(byte[] buffer, int offset, int length) {
                    throw readFailure;
                }
            } : Channels.newInputStream(in.source());
            OutputStream channel = Channels.newOutputStream(out.sink());
            OutputStream output = initiator && initiatorCloseFails ? new FilterOutputStream(channel) {
                @Override
                public void close() throws IOException {
                    super.close();
                    throw new IOException("the receiver closed its end first");
                }
            } : initiator && initiatorStreamClosedAtOnce ? new FilterOutputStream(channel) {
                @Override
                public void write(int b) throws IOException {
                    throw new IOException("Stream is closed");
                }

                @Override
                public void flush() throws IOException {
                    throw new IOException("Stream is closed");
                }
            } : channel;
            BytePipe bytes = new BytePipe() {
                @Override
                public InputStream input() {
                    return input;
                }

                @Override
                public OutputStream output() {
                    return output;
                }

                @Override
                public void close() {
                    try {
                        output.close();
                    } catch (IOException e) {
                        // already closed
                    }
                }
            };
            if (initiator) {
                initiatorOpens.thenRun(() -> pipe.complete(bytes));
            } else {
                pipe.complete(bytes);
            }
        }

        @Override
        public void info(JingleContentTransport info) {
        }

        @Override
        public CompletableFuture<BytePipe> pipe() {
            return pipe;
        }

        @Override
        public void close() {
            pipe.completeExceptionally(new IOException("closed"));
        }
    }
}
