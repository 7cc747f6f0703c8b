package im.tandem.client.file;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.FullJid;

import im.tandem.client.file.element.FileDescription;
import im.tandem.client.file.element.FileHash;
import im.tandem.client.file.element.FileInfo;
import im.tandem.client.file.element.FileSessionInfo;
import im.tandem.client.file.io.DownloadFolder;
import im.tandem.client.file.io.FileDigests;
import im.tandem.client.file.io.ProgressMeter;
import im.tandem.client.file.io.Pumps;
import im.tandem.client.file.transport.BadTransportException;
import im.tandem.client.file.transport.BytePipe;
import im.tandem.client.file.transport.NegotiationContext;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.client.file.transport.TransportNegotiation;
import im.tandem.client.jingle.session.JingleSessions;
import im.tandem.client.jingle.session.SessionEvent;
import im.tandem.client.jingle.session.SessionKey;
import im.tandem.client.jingle.session.SessionState;
import im.tandem.client.jingle.session.SessionStateMachine;

/**
 * One file offer (XEP-0234) with one peer: we are the initiator and send, or the responder and receive. The Jingle
 * side moves only through the shared {@link SessionStateMachine}; on top of it the transfer walks through its
 * {@link FileStage}s, only as {@link FileStageTransitions} allows, trying transports until one carries the bytes.
 *
 * <p>Transport fallback follows XEP-0260 §3: the initiator offers its most preferred transport that the peer
 * supports; when that transport fails it sends transport-replace with the next one, and the responder answers with
 * transport-accept (or transport-reject). The receiver checks the file's hash and ends the session with
 * {@code <success/>} or {@code <media-error/>}.
 *
 * <p>All state is guarded by this object. Blocking work (gathering candidates, asking the server, moving bytes)
 * runs on the host's pool, never on the signalling thread.
 */
final class FileSession {
    private static final Logger LOG = Logger.getLogger(FileSession.class.getName());
    /** Our content's name; XEP-0234 leaves it free, and one content per session needs nothing fancier. */
    static final String CONTENT_NAME = "file";

    private final SessionKey key;
    private final boolean initiator;
    private final FullJid localJid;
    private final String contentName;
    private final FileDescription description;
    private final Path source;
    private final FileSessionHost host;
    private final Consumer<FileSession> onEnded;
    private final Reoffer reoffer;
    private final FileTransfer transfer;
    private final SessionStateMachine machine = new SessionStateMachine();
    private final Deque<TransportMethod> untried = new ArrayDeque<>();
    private final List<FileHash> expectedHashes = new ArrayList<>();
    private JingleContentTransport offeredTransport;
    private FileTransferListener listener = new FileTransferListener() { };
    private TransportNegotiation negotiation;
    private final FileStageMachine stages = new FileStageMachine();
    /** The armed timeout; one that fires after it was disarmed or replaced finds another here and does nothing. */
    private Object timer;
    private Path temporary;
    private FileDigests digests;

    /** Offers the file again in a new session, over the transports a refused offer did not get to try. */
    @FunctionalInterface
    interface Reoffer {
        void offer(List<TransportMethod> untried, FileTransfer transfer);
    }

    private FileSession(SessionKey key, boolean initiator, String contentName, FileDescription description,
            Path source, FileSessionHost host, Consumer<FileSession> onEnded, Reoffer reoffer, FileTransfer transfer) {
        this.key = key;
        this.initiator = initiator;
        this.localJid = host.signalling().localJid();
        this.contentName = contentName;
        this.description = description;
        this.source = source;
        this.host = host;
        this.onEnded = onEnded;
        this.reoffer = reoffer;
        FileInfo file = description.file();
        this.transfer = transfer != null ? transfer : new FileTransfer(key.peer(), initiator
                ? FileTransfer.Direction.SEND : FileTransfer.Direction.RECEIVE, file.name().orElse(""),
                file.size().orElse(0), () -> { });
        this.transfer.cancelWith(this::cancel);
        expectedHashes.addAll(file.hashes());
    }

    /**
     * Our offer of {@code source} to {@code key.peer()}, to be tried over {@code plan} in order.
     *
     * @param transfer the transfer this session carries on (after a refused offer), or null for a new one
     */
    static FileSession outgoing(SessionKey key, Path source, FileDescription description, List<TransportMethod> plan,
            FileTransferListener listener, FileSessionHost host, Consumer<FileSession> onEnded, Reoffer reoffer,
            FileTransfer transfer) {
        FileSession session = new FileSession(key, true, CONTENT_NAME, description, source, host, onEnded, reoffer,
                transfer);
        session.untried.addAll(plan);
        session.listener = listener;
        return session;
    }

    /** The peer's offer, as its session-initiate carried it. */
    static FileSession incoming(SessionKey key, JingleContent content, FileSessionHost host,
            Consumer<FileSession> onEnded) {
        FileSession session = new FileSession(key, false, content.getName(), (FileDescription) content.getDescription(),
                null, host, onEnded, null, null);
        session.offeredTransport = content.getTransport();
        return session;
    }

    SessionKey key() {
        return key;
    }

    FullJid peer() {
        return key.peer();
    }

    String sid() {
        return key.sid();
    }

    FullJid initiator() {
        return initiator ? localJid : key.peer();
    }

    FullJid responder() {
        return initiator ? key.peer() : localJid;
    }

    String contentName() {
        return contentName;
    }

    FileDescription description() {
        return description;
    }

    FileInfo file() {
        return description.file();
    }

    FileTransfer transfer() {
        return transfer;
    }

    /** The transport the peer offered in its session-initiate (responder). */
    synchronized JingleContentTransport offeredTransport() {
        return offeredTransport;
    }

    // ----- starting -----

    /** Initiator: sets up the first transport that can be and sends the offer. */
    synchronized void start() {
        stages.fire(FileStageEvent.START_OFFER);
        host.executor().execute(() -> prepareTransport(true, ""));
    }

    /** Responder: the session-initiate arrived (and is being acknowledged). */
    synchronized void receivedInitiate() {
        fire(SessionEvent.RECEIVE_INITIATE);
        stages.fire(FileStageEvent.RECEIVE_OFFER);
    }

    /** Responder: accept the offered file; the transport is set up on the pool. */
    synchronized void accept(FileTransferListener transferListener) {
        if (!stages.allows(FileStageEvent.ACCEPT) || machine.state() != SessionState.RECEIVED_INITIATE) {
            throw new IllegalStateException("this offer was already answered or has ended");
        }
        stages.fire(FileStageEvent.ACCEPT);
        listener = transferListener;
        JingleContentTransport offer = offeredTransport;
        host.executor().execute(() -> answerTransport(offer, true));
    }

    synchronized void decline(String explanation) {
        if (stages.stage() != FileStage.AWAITING_DECISION && !ended()) {
            throw new IllegalStateException("this offer was already accepted");
        }
        refuse(JingleReason.Reason.decline, explanation);
    }

    /** Ends the transfer at our request (XEP-0234 §6.4). */
    synchronized void cancel() {
        end(JingleReason.Reason.cancel, "cancelled");
    }

    /** Ends a session that was never accepted: declined or refused with {@code reason}. */
    synchronized void refuse(JingleReason.Reason reason, String text) {
        end(reason, text);
    }

    /**
     * Initiator: creates the next transport that works and offers it, in session-initiate the first time and in
     * transport-replace afterwards. Runs on the pool.
     */
    private void prepareTransport(boolean first, String previousFailure) {
        String failures = previousFailure;
        while (true) {
            TransportMethod method;
            synchronized (this) {
                if (ended()) {
                    return;
                }
                method = untried.poll();
                if (method == null) {
                    end(JingleReason.Reason.failed_transport, "no transport could carry the file"
                            + (failures.isEmpty() ? "" : " (" + failures + ")"));
                    return;
                }
            }
            TransportNegotiation created;
            try {
                created = host.factories().get(method).offer(context());
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, method + " cannot be offered to " + peer(), e);
                failures = join(failures, method.route() + ": " + e.getMessage());
                continue;
            }
            synchronized (this) {
                if (ended() || !stillAllowed()) {
                    created.close();
                    return;
                }
                negotiation = created;
                if (first) {
                    fire(SessionEvent.SEND_INITIATE);
                    send(FileRequests.initiate(this, created.local()));
                } else {
                    stages.fire(FileStageEvent.SEND_REPLACE);
                    fire(SessionEvent.SEND_TRANSPORT_REPLACE);
                    send(FileRequests.transport(this, JingleAction.transport_replace, created.local()));
                    arm(config().negotiationTimeout(), () -> end(JingleReason.Reason.timeout,
                            "no answer to our transport-replace"));
                }
            }
            return;
        }
    }

    /** Responder: answers an offered transport, in session-accept the first time and transport-accept after. */
    private void answerTransport(JingleContentTransport offer, boolean first) {
        TransportMethod method = TransportMethod.ofNamespace(offer.getNamespace()).orElseThrow();
        TransportNegotiation created;
        try {
            created = host.factories().get(method).answer(context(), offer);
        } catch (IOException | BadTransportException | RuntimeException e) {
            LOG.log(Level.FINE, method + " offered by " + peer() + " cannot be answered", e);
            synchronized (this) {
                if (first) {
                    end(JingleReason.Reason.failed_transport, method.route() + " cannot be used: " + e.getMessage());
                } else {
                    rejectTransport(offer);
                }
            }
            return;
        }
        synchronized (this) {
            if (ended() || !stillAllowed()) {
                created.close();
                return;
            }
            replaceNegotiation(created);
            if (first) {
                fire(SessionEvent.SEND_ACCEPT);
                send(FileRequests.accept(this, created.local()));
            } else {
                fire(SessionEvent.SEND_TRANSPORT_ACCEPT);
                send(FileRequests.transport(this, JingleAction.transport_accept, created.local()));
            }
            try {
                created.start(offer);
            } catch (BadTransportException e) {
                end(JingleReason.Reason.failed_transport, method.route() + " cannot be used: " + e.getMessage());
                return;
            }
            watch(created);
            awaitTransport();
        }
    }

    /**
     * Responder: the transport must carry the first byte in time. If it fails, the initiator may still replace it:
     * the limit leaves room for that.
     */
    private void awaitTransport() {
        Duration limit = config().negotiationTimeout().multipliedBy(2);
        arm(limit, () -> end(JingleReason.Reason.failed_transport, "no transport carried the file within "
                + limit.toSeconds() + " s"));
    }

    private void rejectTransport(JingleContentTransport offer) {
        if (machine.allows(SessionEvent.SEND_TRANSPORT_REJECT)) {
            fire(SessionEvent.SEND_TRANSPORT_REJECT);
            send(FileRequests.transport(this, JingleAction.transport_reject, offer));
            if (!initiator) {
                awaitTransport();
            }
        }
    }

    // ----- requests from the peer (called by FileSessions, which answers them) -----

    /** Initiator: the responder accepted, with its part of the transport. */
    synchronized void receivedAccept(JingleContent content) throws BadRequestException {
        machineAllows(SessionEvent.RECEIVE_ACCEPT);
        startCurrent(content);
        fire(SessionEvent.RECEIVE_ACCEPT);
    }

    synchronized void receivedTransportInfo(JingleContent content) throws BadRequestException {
        fire(SessionEvent.RECEIVE_TRANSPORT_INFO);
        JingleContentTransport transport = content.getTransport();
        if (negotiation == null || transport == null
                || !negotiation.method().namespace().equals(transport.getNamespace())) {
            return; // news about a transport we already gave up: nothing to do
        }
        try {
            negotiation.info(transport);
        } catch (BadTransportException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /**
     * Responder: the initiator proposes another transport. Answered after the acknowledgement: accepted when we
     * use that transport and are still negotiating, rejected otherwise.
     */
    synchronized Runnable receivedTransportReplace(JingleContent content) throws BadRequestException {
        JingleContentTransport transport = content.getTransport();
        if (transport == null) {
            throw new BadRequestException("transport-replace needs a <transport/>");
        }
        fire(SessionEvent.RECEIVE_TRANSPORT_REPLACE);
        boolean usable = stages.allows(FileStageEvent.REPLACE_OFFERED) && TransportMethod.ofNamespace(transport.getNamespace()).filter(config().transports()::contains)
                .isPresent();
        if (!usable) {
            return () -> {
                synchronized (this) {
                    rejectTransport(transport);
                }
            };
        }
        stages.fire(FileStageEvent.REPLACE_OFFERED);
        cancelTimer();
        return () -> host.executor().execute(() -> answerTransport(transport, false));
    }

    /** Initiator: the responder takes the transport we proposed. */
    synchronized void receivedTransportAccept(JingleContent content) throws BadRequestException {
        machineAllows(SessionEvent.RECEIVE_TRANSPORT_ACCEPT);
        if (!stages.allows(FileStageEvent.REPLACE_ACCEPTED)) {
            throw new BadRequestException("there is no transport-replace to accept");
        }
        startCurrent(content);
        stages.fire(FileStageEvent.REPLACE_ACCEPTED);
        fire(SessionEvent.RECEIVE_TRANSPORT_ACCEPT);
    }

    /** Initiator: the responder refuses the transport we proposed; the next one is tried. */
    synchronized Runnable receivedTransportReject() throws BadRequestException {
        machineAllows(SessionEvent.RECEIVE_TRANSPORT_REJECT);
        if (!stages.allows(FileStageEvent.REPLACE_REJECTED)) {
            throw new BadRequestException("there is no transport-replace to reject");
        }
        stages.fire(FileStageEvent.REPLACE_REJECTED);
        fire(SessionEvent.RECEIVE_TRANSPORT_REJECT);
        cancelTimer();
        TransportNegotiation rejected = negotiation;
        negotiation = null;
        host.executor().execute(rejected::close);
        return () -> host.executor().execute(() -> prepareTransport(false,
                rejected.method().route() + ": rejected by the peer"));
    }

    /** XEP-0234's checksum (kept for verification) and received (nothing to do); empty is a ping. */
    synchronized void receivedSessionInfo(List<ExtensionElement> payloads) {
        fire(payloads.isEmpty() ? SessionEvent.RECEIVE_PING : SessionEvent.RECEIVE_SESSION_INFO);
        for (ExtensionElement payload : payloads) {
            if (payload instanceof FileSessionInfo.Checksum checksum && !initiator) {
                expectedHashes.addAll(checksum.file().hashes());
                if (stages.stage() == FileStage.AWAITING_CHECKSUM) {
                    verify();
                }
            }
        }
    }

    /**
     * The peer ended the session. A {@code <success/>} after the bytes started moving is the receiver's
     * confirmation (or a sender that is done): the transfer finishes once our side is done too; for an empty
     * file it may come while our end of the transport is still opening. An offer refused for its transport
     * alone is made again, in a new session, over the transports not yet tried: the peer may be a Tandem client
     * that takes files over fewer transports than it can name.
     */
    synchronized void receivedTerminate(JingleReason reason) {
        boolean offerPending = machine.state() == SessionState.SENT_INITIATE;
        fire(SessionEvent.RECEIVE_TERMINATE);
        JingleReason.Reason condition = reason == null ? JingleReason.Reason.success : reason.asEnum();
        if (initiator && offerPending && condition == JingleReason.Reason.unsupported_transports && !untried.isEmpty()
                && !ended()) {
            release();
            reoffer.offer(List.copyOf(untried), transfer);
            return;
        }
        if (condition == JingleReason.Reason.success && stages.allows(FileStageEvent.PEER_CONFIRMED)) {
            boolean allSent = stages.stage() == FileStage.AWAITING_CONFIRMATION;
            stages.fire(FileStageEvent.PEER_CONFIRMED);
            if (allSent) {
                succeed(source);
            }
            return;
        }
        boolean senderNegotiating = stages.stage() == FileStage.SENDER_NEGOTIATING
                || stages.stage() == FileStage.SENDER_REPLACING;
        if (condition == JingleReason.Reason.success && senderNegotiating && transfer.size() == 0
                && negotiation != null) {
            // An empty file needs no byte from us: the receiver may finish as soon as its end of the transport
            // opens, before ours has reported open.
            transfer.routed(negotiation.method());
            succeed(source);
            return;
        }
        String text = reason == null || reason.getText() == null ? "" : ": " + reason.getText();
        finish(null, new FileTransferException(condition, "the peer ended the transfer (" + condition + ")" + text));
    }

    /** The signalling path broke: the peer went offline or our connection closed. */
    synchronized void signallingFailed(JingleReason.Reason reason, String text) {
        if (machine.allows(SessionEvent.SIGNALLING_FAILED)) {
            fire(SessionEvent.SIGNALLING_FAILED);
        }
        finish(null, new FileTransferException(reason, text));
    }

    // ----- transports -----

    /** Starts the transport being negotiated with the peer's part, from an accept. */
    private void startCurrent(JingleContent content) throws BadRequestException {
        JingleContentTransport transport = content.getTransport();
        if (negotiation == null || transport == null
                || !negotiation.method().namespace().equals(transport.getNamespace())) {
            throw new BadRequestException("the answer must carry the offered " + (negotiation == null ? "transport"
                    : negotiation.method().namespace() + " transport"));
        }
        try {
            negotiation.start(transport);
        } catch (BadTransportException e) {
            throw new BadRequestException(e.getMessage());
        }
        TransportNegotiation started = negotiation;
        watch(started);
        arm(config().negotiationTimeout(), () -> transportFailed(started,
                "no connection within " + config().negotiationTimeout().toSeconds() + " s"));
    }

    private void watch(TransportNegotiation watched) {
        watched.pipe().whenCompleteAsync((pipe, failure) -> {
            if (failure != null) {
                transportFailed(watched, failure.getMessage());
            } else {
                pipeReady(watched, pipe);
            }
        }, host.executor());
    }

    /**
     * The transport cannot carry the bytes. The initiator moves to the next one; the responder waits for the
     * initiator's transport-replace, under the timer armed when it answered.
     */
    private synchronized void transportFailed(TransportNegotiation failed, String why) {
        if (failed != negotiation || !stages.allows(FileStageEvent.TRANSPORT_FAILED)) {
            return;
        }
        stages.fire(FileStageEvent.TRANSPORT_FAILED);
        LOG.fine(() -> failed.method() + " with " + peer() + " failed: " + why);
        if (initiator) {
            cancelTimer();
            negotiation = null;
            host.executor().execute(failed::close);
            host.executor().execute(() -> prepareTransport(false, failed.method().route() + ": " + why));
        }
    }

    private synchronized void pipeReady(TransportNegotiation ready, BytePipe pipe) {
        if (ready != negotiation || !stages.allows(FileStageEvent.CONNECTED)) {
            return; // the negotiation was closed meanwhile, and its pipe with it
        }
        cancelTimer();
        stages.fire(FileStageEvent.CONNECTED);
        transfer.routed(ready.method());
        host.executor().execute(() -> {
            tellListener(() -> listener.transportChosen(transfer, ready.method()));
            if (initiator) {
                sendFile(pipe);
            } else {
                receiveFile(pipe);
            }
        });
    }

    private void sendFile(BytePipe pipe) {
        try {
            if (transfer.size() > 0) {
                Pumps.send(source, pipe.output(), meter());
            } else {
                // Nothing to carry, so no write and no flush: the receiver of an empty file may close the stream
                // as soon as it opens, and a flush would then fail a file that is complete. The close below (whose
                // failure is no verdict either) tells a receiver that waits for it.
                meter().finish();
            }
        } catch (IOException e) {
            synchronized (this) {
                if (stages.stage() == FileStage.CONFIRMED) {
                    succeed(source); // the receiver already has it all and said so; our end simply closed late
                } else {
                    end(JingleReason.Reason.connectivity_error, "sending failed: " + e.getMessage());
                }
            }
            return;
        }
        try {
            pipe.output().close();
        } catch (IOException e) {
            // Every byte is on its way: a receiver that has them all may have closed its end first. Its
            // verdict, or the confirmation timeout, decides.
            LOG.log(Level.FINE, "closing the stream to " + peer() + " after the last byte failed", e);
        }
        // The receiver's confirmation can only come once the bytes have crossed the path; the time it is given
        // starts then, not when the last byte fit the transport's buffer.
        pipe.awaitDelivered(config().idleTimeout());
        synchronized (this) {
            if (stages.stage() == FileStage.CONFIRMED) {
                succeed(source);
                return;
            }
            if (!stages.allows(FileStageEvent.ALL_SENT)) {
                return;
            }
            stages.fire(FileStageEvent.ALL_SENT);
            arm(config().confirmationTimeout(), () -> end(JingleReason.Reason.timeout,
                    "the receiver did not confirm the file within " + config().confirmationTimeout().toSeconds()
                            + " s"));
        }
    }

    private void receiveFile(BytePipe pipe) {
        List<String> algorithms;
        synchronized (this) {
            algorithms = expectedHashes.stream().map(FileHash::algorithm).toList();
        }
        FileDigests computed = new FileDigests(algorithms);
        try {
            Path file = new DownloadFolder(config().downloadDirectory()).temporaryFile();
            OutputStream out;
            // Opened under the lock so that a session ending meanwhile either finds the file to delete or
            // has already ended, and then nothing is written.
            synchronized (this) {
                if (ended()) {
                    deleteQuietly(file);
                    return;
                }
                temporary = file;
                out = Files.newOutputStream(file);
            }
            try (out) {
                Pumps.receive(pipe.input(), transfer.size(), out, computed, meter());
            }
        } catch (IOException e) {
            synchronized (this) {
                end(JingleReason.Reason.connectivity_error, "receiving failed: " + e.getMessage());
            }
            return;
        }
        synchronized (this) {
            if (!stages.allows(FileStageEvent.ALL_RECEIVED)) {
                return;
            }
            digests = computed;
            if (expectedHashes.stream().anyMatch(hash -> hash.value().isPresent())) {
                verify();
            } else {
                stages.fire(FileStageEvent.ALL_RECEIVED);
                arm(config().confirmationTimeout(), () -> end(JingleReason.Reason.timeout,
                        "the sender never sent the file's checksum"));
            }
        }
    }

    /** Receiver: checks the hash, then keeps the file and confirms, or discards it and says why. */
    private void verify() {
        cancelTimer();
        FileDigests.Verdict verdict = digests.verify(expectedHashes);
        if (!verdict.intact()) {
            end(JingleReason.Reason.media_error, verdict.problem());
            return;
        }
        try {
            Path kept = new DownloadFolder(config().downloadDirectory()).keep(temporary, transfer.name());
            temporary = null;
            succeed(kept);
        } catch (IOException e) {
            end(JingleReason.Reason.general_error, "cannot save the file: " + e.getMessage());
        }
    }

    /** The transfer worked: the receiver confirms with {@code <success/>} (XEP-0234 §6.5). */
    private void succeed(Path path) {
        String sha256 = initiator ? HexFormat.of().formatHex(description.file().hashes().stream()
                .filter(hash -> hash.algorithm().equals(FileHash.SHA_256)).findFirst()
                .flatMap(FileHash::value).orElseThrow()) : digests.sha256Hex();
        TransferResult result = new TransferResult(peer(), transfer.name(), transfer.size(), sha256, path,
                transfer.route().orElseThrow());
        tellPeer(JingleReason.Reason.success, "");
        finish(result, null);
    }

    // ----- ending -----

    /** Ends the session, telling the peer why unless it is already gone or was never told of the session. */
    private void end(JingleReason.Reason reason, String text) {
        if (ended()) {
            return;
        }
        tellPeer(reason, text);
        finish(null, new FileTransferException(reason, text.isEmpty() ? reason.toString() : text));
    }

    /**
     * Sends session-terminate unless the peer already ended the session or never heard of it. Once sent, the
     * session is over for us (XEP-0166 §6.7): whatever the peer answers changes nothing.
     */
    private void tellPeer(JingleReason.Reason reason, String text) {
        if (machine.allows(SessionEvent.SEND_TERMINATE)) {
            fire(SessionEvent.SEND_TERMINATE);
            host.signalling().request(FileRequests.terminate(this, reason, text), failure -> { });
        }
    }

    /** Releases everything and completes the transfer; only the first call counts. */
    private void finish(TransferResult result, FileTransferException failure) {
        if (ended()) {
            return;
        }
        release();
        if (failure != null) {
            transfer.result().completeExceptionally(failure);
        } else {
            transfer.result().complete(result);
        }
    }

    /**
     * Ends this session's part: timers, transports, a partial file. The partial file goes at once, so that
     * whoever learns of the failure from the result finds nothing left behind; closing a transport may wait
     * on the network and runs on the executor.
     */
    private void release() {
        stages.fire(FileStageEvent.END);
        cancelTimer();
        TransportNegotiation last = negotiation;
        negotiation = null;
        if (temporary != null) {
            deleteQuietly(temporary);
            temporary = null;
        }
        if (last != null) {
            host.executor().execute(last::close);
        }
        onEnded.accept(this);
    }

    // ----- helpers -----

    private void replaceNegotiation(TransportNegotiation replacement) {
        TransportNegotiation previous = negotiation;
        negotiation = replacement;
        if (previous != null) {
            host.executor().execute(previous::close);
        }
    }

    private NegotiationContext context() {
        return new NegotiationContext(host.connection(), localJid, peer(), initiator, config().transportSettings(),
                host.executor(), this::sendTransportInfo);
    }

    /** A negotiation's transport-info; dropped once the session is over. */
    private synchronized void sendTransportInfo(JingleContentTransport transport) {
        if (ended() || !machine.allows(SessionEvent.SEND_TRANSPORT_INFO) || !stillAllowed()) {
            return;
        }
        fire(SessionEvent.SEND_TRANSPORT_INFO);
        send(FileRequests.transport(this, JingleAction.transport_info, transport));
    }

    /**
     * Whether the peer is still a mutual contact, checked before each request that carries transport details (ICE
     * candidates are our addresses): someone removed from the roster mid-way hears nothing more but the decline.
     */
    private boolean stillAllowed() {
        if (host.policy().mayConnectDirectly(peer().asBareJid())) {
            return true;
        }
        end(JingleReason.Reason.decline, JingleSessions.NOT_A_CONTACT);
        return false;
    }

    private ProgressMeter meter() {
        return ProgressMeter.every(ProgressMeter.DEFAULT_INTERVAL, transfer.size(),
                progress -> tellListener(() -> listener.progress(transfer, progress)));
    }

    /** The application's listener runs on our pump threads: its failure is logged, never the transfer's end. */
    private void tellListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a file transfer listener failed", e);
        }
    }

    private FileTransferConfig config() {
        return host.config().get();
    }

    private void fire(SessionEvent event) {
        if (machine.fire(event) == SessionState.TERMINATED) {
            onEnded.accept(this);
        }
    }

    private void machineAllows(SessionEvent event) {
        if (!machine.allows(event)) {
            machine.fire(event); // throws the IllegalTransitionException naming state and event
        }
    }

    /**
     * Sends a request; if the peer rejects it or never answers, the transfer fails and (unless the failed request
     * was the offer itself, which left the peer without a session) the peer is told.
     */
    private void send(Jingle request) {
        host.signalling().request(request, failure -> requestFailed(request.getAction(), failure));
    }

    private synchronized void requestFailed(JingleAction action, Exception failure) {
        if (ended()) {
            return;
        }
        JingleReason.Reason reason = failure instanceof SmackException.NoResponseException
                ? JingleReason.Reason.timeout : JingleReason.Reason.general_error;
        String text = action + " failed: " + describe(failure);
        if (action != JingleAction.session_initiate) {
            end(reason, text);
        } else {
            signallingFailed(reason, text);
        }
    }

    private void arm(Duration delay, Runnable task) {
        Object armed = new Object();
        timer = armed;
        host.scheduler().schedule(() -> {
            synchronized (this) {
                if (timer == armed && !ended()) {
                    timer = null;
                    task.run();
                }
            }
        }, delay);
    }

    private void cancelTimer() {
        timer = null;
    }

    private boolean ended() {
        return stages.stage() == FileStage.ENDED;
    }

    private static String describe(Exception failure) {
        if (failure instanceof XMPPException.XMPPErrorException error) {
            return "the peer answered <" + error.getStanzaError().getCondition() + "/>"
                    + Optional.ofNullable(error.getStanzaError().getDescriptiveText()).map(t -> ": " + t).orElse("");
        }
        return failure.toString();
    }

    private static String join(String failures, String failure) {
        return failures.isEmpty() ? failure : failures + "; " + failure;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot delete the partial file " + file, e);
        }
    }

    @Override
    public String toString() {
        return "file session " + key.sid() + " with " + key.peer() + " (" + (initiator ? "sending" : "receiving")
                + ", " + stages.stage() + ")";
    }
}
