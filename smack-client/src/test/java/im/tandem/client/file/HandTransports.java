package im.tandem.client.file;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jivesoftware.smackx.jingle.element.JingleContentTransport;

import im.tandem.client.file.element.IbbTransport;
import im.tandem.client.file.element.S5bTransport;
import im.tandem.client.file.transport.BytePipe;
import im.tandem.client.file.transport.NegotiationContext;
import im.tandem.client.file.transport.TransportFactory;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.client.file.transport.TransportNegotiation;

/**
 * Transports a test connects or breaks by hand: each negotiation is recorded, and its pipe completes only when the
 * test says so, with bytes held in memory. Nothing here runs on a thread of its own.
 */
final class HandTransports {
    /** The sid every negotiation uses: one session at a time is under test. */
    static final String SID = "hand";
    private static final int BLOCK_SIZE = 4096;

    final List<Negotiation> created = new ArrayList<>();

    Map<TransportMethod, TransportFactory> factories() {
        Map<TransportMethod, TransportFactory> factories = new EnumMap<>(TransportMethod.class);
        for (TransportMethod method : TransportMethod.values()) {
            factories.put(method, new TransportFactory() {
                @Override
                public TransportNegotiation offer(NegotiationContext context) {
                    return record(new Negotiation(method, context));
                }

                @Override
                public TransportNegotiation answer(NegotiationContext context, JingleContentTransport offer) {
                    return record(new Negotiation(method, context));
                }
            });
        }
        return factories;
    }

    /** The transport element a peer would send for {@code method}. */
    static JingleContentTransport element(TransportMethod method) {
        return method == TransportMethod.IBB ? new IbbTransport(BLOCK_SIZE, SID, IbbTransport.Stanza.IQ)
                : S5bTransport.candidates(SID, "hand", List.of());
    }

    Negotiation last() {
        return created.get(created.size() - 1);
    }

    private Negotiation record(Negotiation negotiation) {
        created.add(negotiation);
        return negotiation;
    }

    static final class Negotiation implements TransportNegotiation {
        private final TransportMethod method;
        private final NegotiationContext context;
        private final CompletableFuture<BytePipe> pipe = new CompletableFuture<>();
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        boolean started;

        Negotiation(TransportMethod method, NegotiationContext context) {
            this.method = method;
            this.context = context;
        }

        /** The negotiation tells the peer something in a transport-info, as a real one trickles candidates. */
        void sendInfo() {
            context.sendInfo().accept(element(method));
        }

        /** The transport carries {@code incoming} to us and takes whatever we write into {@link #written}. */
        void connect(byte[] incoming) {
            connect(incoming, written);
        }

        /** The transport carries {@code incoming} to us and what we write to {@code output}. */
        void connect(byte[] incoming, OutputStream output) {
            InputStream input = new ByteArrayInputStream(incoming);
            pipe.complete(new BytePipe() {
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
                }
            });
        }

        void fail(String why) {
            pipe.completeExceptionally(new IOException(why));
        }

        @Override
        public TransportMethod method() {
            return method;
        }

        @Override
        public JingleContentTransport local() {
            return element(method);
        }

        @Override
        public void start(JingleContentTransport remote) {
            started = true;
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
