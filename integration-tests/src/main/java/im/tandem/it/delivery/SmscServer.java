package im.tandem.it.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitMultiResult;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.MessageId;
import org.jsmpp.util.RandomMessageIDGenerator;

import im.tandem.it.net.LoopbackServers;

/**
 * A real SMPP server (jsmpp's server side) standing in for an SMSC: it accepts any bind on a fixed loopback
 * port and records every submit_sm with the moment it arrived. It can go down and come back on the same port
 * to play an outage. It uses the jsmpp that Openfire 4.2.0 itself depends on (2.2.4), so no second jsmpp
 * version enters the build. The delivery tests and the delivery benchmark use it.
 */
public final class SmscServer implements AutoCloseable {
    /** The ESME error code for "command not supported" (SMPP 3.4, ESME_RINVCMDID). */
    private static final int NOT_SUPPORTED = 0x03;
    private static final Duration BIND_LIMIT = Duration.ofSeconds(10);

    /** One short message as the SMSC got it, and when. */
    public record Sms(String destination, String text, Instant receivedAt) {
    }

    private final int port;
    private SMPPServerSessionListener listener;
    private final ExecutorService sessions = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-smsc");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Sms> received = new CopyOnWriteArrayList<>();
    private final RandomMessageIDGenerator ids = new RandomMessageIDGenerator();

    private final List<SMPPServerSession> bound = new CopyOnWriteArrayList<>();

    private SmscServer(int port) {
        this.port = port;
    }

    public static SmscServer start() {
        SmscServer smsc = new SmscServer(LoopbackServers.freePort());
        smsc.up();
        return smsc;
    }

    public int port() {
        return port;
    }

    public synchronized void up() {
        if (listener != null) {
            return;
        }
        try {
            SMPPServerSessionListener started = new SMPPServerSessionListener(port, new LoopbackOnly());
            started.setMessageReceiverListener(new Receiver());
            listener = started;
            sessions.execute(() -> acceptLoop(started));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test SMSC on port " + port, e);
        }
    }

    /** Stops listening and drops every bound session, as a crashed SMSC would. */
    public synchronized void down() throws IOException {
        if (listener == null) {
            return;
        }
        listener.close();
        listener = null;
        bound.forEach(SMPPServerSession::close);
        bound.clear();
    }

    public List<Sms> received() {
        return List.copyOf(received);
    }

    public List<Sms> receivedBy(String destination) {
        return received.stream().filter(sms -> sms.destination().equals(destination)).toList();
    }

    public List<Sms> awaitBy(String destination, int count, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            List<Sms> messages = receivedBy(destination);
            if (messages.size() >= count) {
                return messages;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + count + " SMS to " + destination + " within " + limit + ", got "
                + receivedBy(destination));
    }

    @Override
    public void close() throws IOException {
        down();
        sessions.shutdownNow();
    }

    private void acceptLoop(SMPPServerSessionListener from) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                SMPPServerSession session = from.accept();
                sessions.execute(() -> bind(session));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(BIND_LIMIT.toMillis());
            request.accept("test-smsc");
            bound.add(session);
        } catch (IllegalStateException | TimeoutException | IOException | org.jsmpp.PDUStringException e) {
            session.close();
        }
    }

    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public MessageId onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) {
            received.add(new Sms(submitSm.getDestAddress(),
                    new String(submitSm.getShortMessage(), StandardCharsets.ISO_8859_1), Instant.now()));
            return ids.newMessageId();
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("submit_multi is not supported", NOT_SUPPORTED);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("query_sm is not supported", NOT_SUPPORTED);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("replace_sm is not supported", NOT_SUPPORTED);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("cancel_sm is not supported", NOT_SUPPORTED);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not supported", NOT_SUPPORTED);
        }
    }

    /** jsmpp's own factory listens on every interface; the tests listen on loopback only. */
    private static final class LoopbackOnly implements ServerConnectionFactory {
        @Override
        public ServerConnection listen(int port) throws IOException {
            return listen(port, 0);
        }

        @Override
        public ServerConnection listen(int port, int timeout) throws IOException {
            return listen(port, timeout, 50);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
            ServerSocket socket = new ServerSocket(port, backlog, InetAddress.getLoopbackAddress());
            socket.setSoTimeout(timeout);
            return new ServerSocketConnection(socket);
        }
    }
}
