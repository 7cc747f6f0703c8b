package im.tandem.client.file;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smackx.jingle.Role;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.FullJid;

import im.tandem.client.file.element.FileDescription;
import im.tandem.client.file.element.FileInfo;
import im.tandem.client.file.element.FileSessionInfo;
import im.tandem.client.file.transport.BytePipe;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.client.jingle.session.JingleSessions;
import im.tandem.client.jingle.session.SessionBase;
import im.tandem.client.jingle.session.SessionEvent;
import im.tandem.client.jingle.session.SessionKey;
import im.tandem.client.jingle.session.SessionState;

/**
 * One file offer (XEP-0234) with one peer: we are the initiator and send, or the responder and receive. The
 * session coordinates: it takes the peer's requests and the user's answer, keeps the Jingle state (its
 * {@link SessionBase}, as every Jingle session) and the transfer's {@link FileStage} (moved only as
 * {@link FileStageTransitions} allows), sends our requests and ends the session. Finding a transport is its {@link TransportFallback}'s job;
 * moving, checking and saving the file its {@link FilePayload}'s.
 *
 * <p>The receiver checks the file's hash and ends the session with {@code <success/>} or {@code <media-error/>}.
 *
 * <p>All state, here and in the two parts, is guarded by this object. Blocking work (gathering candidates, asking
 * the server, moving bytes) runs on the host's pool, never on the signalling thread.
 */
final class FileSession {
    /** Our content's name; XEP-0234 leaves it free, and one content per session needs nothing fancier. */
    static final String CONTENT_NAME = "file";
    /** The stages in which a transport carries the file, and the negotiation that found it is over. */
    private static final Set<FileStage> BYTES_MOVING = EnumSet.of(FileStage.SENDING, FileStage.AWAITING_CONFIRMATION,
            FileStage.CONFIRMED, FileStage.RECEIVING, FileStage.AWAITING_CHECKSUM);

    private final SessionBase jingle;
    private final FileDescription description;
    private final FileSessionHost host;
    private final Path source;
    private final Consumer<FileSession> onEnded;
    private final FileTransfer transfer;
    private final FileStageMachine stages = new FileStageMachine();
    private final TransportFallback transports;
    private final FilePayload payload;
    /** Responder: how long the offer waits for the user's answer. */
    private final FileTimeout answerTimeout;
    private JingleContentTransport offeredTransport;
    private Reoffer reoffer;

    /**
     * How a session ends when the peer refused its offer for the transport alone while others were left: the
     * same offer, to be made again in a new session over the transports not yet tried, carrying on the same
     * transfer.
     */
    record Reoffer(FullJid peer, Path source, FileDescription description, List<TransportMethod> untried,
                   FileTransferListener listener, FileTransfer transfer) {
    }

    private FileSession(SessionKey key, boolean initiator, String contentName, FileDescription description,
            Path source, List<TransportMethod> plan, FileSessionHost host, Consumer<FileSession> onEnded,
            FileTransfer transfer) {
        this.jingle = SessionBase.of(key, initiator ? Role.initiator : Role.responder, contentName,
                host.signalling(), host.policy(), () -> onEnded.accept(this));
        this.description = description;
        this.host = host;
        this.source = source;
        this.onEnded = onEnded;
        FileInfo file = description.file();
        this.transfer = transfer != null ? transfer : new FileTransfer(key.peer(), initiator
                ? FileTransfer.Direction.SEND : FileTransfer.Direction.RECEIVE, file.name().orElse(""),
                file.size().orElse(0), () -> { });
        this.transfer.cancelWith(this::cancel);
        this.transports = new TransportFallback(this, host, initiator, stages, plan);
        this.payload = new FilePayload(this, host, stages, this.transfer, source, file.hashes());
        this.answerTimeout = new FileTimeout(this, host.scheduler());
    }

    /**
     * Our offer of {@code source} to {@code key.peer()}, to be tried over {@code plan} in order.
     *
     * @param onEnded told when the Jingle session terminates and, as the session's last act, once it has released
     *        everything: by then {@link #reoffer()} says whether the offer is to be made again
     * @param transfer the transfer this session carries on (after a refused offer), or null for a new one
     */
    static FileSession outgoing(SessionKey key, Path source, FileDescription description, List<TransportMethod> plan,
            FileTransferListener listener, FileSessionHost host, Consumer<FileSession> onEnded,
            FileTransfer transfer) {
        FileSession session = new FileSession(key, true, CONTENT_NAME, description, source, plan, host, onEnded,
                transfer);
        session.payload.listenWith(listener);
        return session;
    }

    /** The peer's offer, as its session-initiate carried it. */
    static FileSession incoming(SessionKey key, JingleContent content, FileSessionHost host,
            Consumer<FileSession> onEnded) {
        FileSession session = new FileSession(key, false, content.getName(), (FileDescription) content.getDescription(),
                null, List.of(), host, onEnded, null);
        session.offeredTransport = content.getTransport();
        return session;
    }

    SessionKey key() {
        return jingle.key();
    }

    FullJid peer() {
        return jingle.peer();
    }

    String contentName() {
        return jingle.contentName();
    }

    /** The Jingle side of the session, for the requests it sends. */
    SessionBase jingle() {
        return jingle;
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

    /** Set once the session ended refused for its transport alone, with transports left to try. */
    synchronized Optional<Reoffer> reoffer() {
        return Optional.ofNullable(reoffer);
    }

    /** The transport the peer offered in its session-initiate (responder). */
    synchronized JingleContentTransport offeredTransport() {
        return offeredTransport;
    }

    // ----- starting and answering -----

    /** Initiator: sets up the first transport that can be and sends the offer. */
    synchronized void start() {
        stages.fire(FileStageEvent.START_OFFER);
        transports.offerFirst();
    }

    /** Responder: the session-initiate arrived (and is being acknowledged). */
    synchronized void receivedInitiate() {
        fire(SessionEvent.RECEIVE_INITIATE);
        stages.fire(FileStageEvent.RECEIVE_OFFER);
        Duration wait = host.config().get().incoming().answerTimeout();
        answerTimeout.arm(wait, () -> end(JingleReason.Reason.timeout, "the offer was not answered within "
                + wait.toSeconds() + " s"));
    }

    /** Responder: accept the offered file; the transport is set up on the pool. */
    synchronized void accept(FileTransferListener transferListener) {
        if (!stages.allows(FileStageEvent.ACCEPT) || jingle.state() != SessionState.RECEIVED_INITIATE) {
            throw new IllegalStateException("this offer was already answered or has ended");
        }
        stages.fire(FileStageEvent.ACCEPT);
        answerTimeout.disarm();
        payload.listenWith(transferListener);
        transports.answerOffer(offeredTransport);
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

    // ----- requests from the peer (called by FileSessions, which answers them) -----

    /** Initiator: the responder accepted, with its part of the transport. */
    synchronized void receivedAccept(JingleContent content) throws BadRequestException {
        jingle.requireAllowed(SessionEvent.RECEIVE_ACCEPT);
        transports.answered(content);
        fire(SessionEvent.RECEIVE_ACCEPT);
    }

    synchronized void receivedTransportInfo(JingleContent content) throws BadRequestException {
        fire(SessionEvent.RECEIVE_TRANSPORT_INFO);
        transports.info(content.getTransport());
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
        return transports.replacementOffered(transport);
    }

    /** Initiator: the responder takes the transport we proposed. */
    synchronized void receivedTransportAccept(JingleContent content) throws BadRequestException {
        jingle.requireAllowed(SessionEvent.RECEIVE_TRANSPORT_ACCEPT);
        transports.replacementAccepted(content);
        fire(SessionEvent.RECEIVE_TRANSPORT_ACCEPT);
    }

    /** Initiator: the responder refuses the transport we proposed; the next one is tried. */
    synchronized Runnable receivedTransportReject() throws BadRequestException {
        jingle.requireAllowed(SessionEvent.RECEIVE_TRANSPORT_REJECT);
        Runnable next = transports.replacementRejected();
        fire(SessionEvent.RECEIVE_TRANSPORT_REJECT);
        return next;
    }

    /** XEP-0234's checksum (kept for verification) and received (nothing to do); empty is a ping. */
    synchronized void receivedSessionInfo(List<ExtensionElement> payloads) {
        fire(payloads.isEmpty() ? SessionEvent.RECEIVE_PING : SessionEvent.RECEIVE_SESSION_INFO);
        for (ExtensionElement element : payloads) {
            if (element instanceof FileSessionInfo.Checksum checksum && !sending()) {
                payload.checksumReceived(checksum.file().hashes());
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
        boolean offerPending = jingle.state() == SessionState.SENT_INITIATE;
        fire(SessionEvent.RECEIVE_TERMINATE);
        JingleReason.Reason condition = reason == null ? JingleReason.Reason.success : reason.asEnum();
        List<TransportMethod> untried = transports.untried();
        if (sending() && offerPending && condition == JingleReason.Reason.unsupported_transports
                && !untried.isEmpty() && !ended()) {
            reoffer = new Reoffer(peer(), source, description, untried, payload.listener(), transfer);
            release();
            return;
        }
        if (condition == JingleReason.Reason.success && stages.allows(FileStageEvent.PEER_CONFIRMED)) {
            payload.confirmedByPeer();
            return;
        }
        boolean senderNegotiating = stages.stage() == FileStage.SENDER_NEGOTIATING
                || stages.stage() == FileStage.SENDER_REPLACING;
        Optional<TransportMethod> current = transports.current();
        if (condition == JingleReason.Reason.success && senderNegotiating && transfer.size() == 0
                && current.isPresent()) {
            // An empty file needs no byte from us: the receiver may finish as soon as its end of the transport
            // opens, before ours has reported open.
            transfer.routed(current.get());
            payload.succeed();
            return;
        }
        String text = reason == null || reason.getText() == null ? "" : ": " + reason.getText();
        finish(null, new FileTransferException(condition, "the peer ended the transfer (" + condition + ")" + text));
    }

    /** The signalling path broke: the peer went offline or our connection closed. */
    synchronized void signallingFailed(JingleReason.Reason reason, String text) {
        if (jingle.allows(SessionEvent.SIGNALLING_FAILED)) {
            fire(SessionEvent.SIGNALLING_FAILED);
        }
        finish(null, new FileTransferException(reason, text));
    }

    // ----- for the transport fallback and the payload, under this object's lock -----

    /** The transport fallback found a transport that carries bytes: the payload takes it from here. */
    void connected(TransportMethod route, BytePipe pipe) {
        transfer.routed(route);
        payload.carry(route, pipe);
    }

    boolean ended() {
        return stages.stage() == FileStage.ENDED;
    }

    /** Whether the Jingle state allows {@code event} now. */
    boolean allows(SessionEvent event) {
        return jingle.allows(event);
    }

    /**
     * Moves the Jingle state by {@code event} and sends {@code request}; if the peer rejects it or never answers,
     * the transfer fails and (unless the failed request was the offer itself, which left the peer without a
     * session) the peer is told.
     */
    void send(SessionEvent event, Jingle request) {
        fire(event);
        jingle.send(request, this::requestFailed);
    }

    /**
     * Whether the peer is still a mutual contact, checked before each request that carries transport details (ICE
     * candidates are our addresses): someone removed from the roster mid-way hears nothing more but the decline.
     */
    boolean stillAllowed() {
        if (jingle.peerIsContact()) {
            return true;
        }
        end(JingleReason.Reason.decline, JingleSessions.NOT_A_CONTACT);
        return false;
    }

    /** The transfer worked: the receiver confirms with {@code <success/>} (XEP-0234 §6.5). */
    void succeed(TransferResult result) {
        tellPeer(JingleReason.Reason.success, "");
        finish(result, null);
    }

    /** Ends the session, telling the peer why unless it is already gone or was never told of the session. */
    void end(JingleReason.Reason reason, String text) {
        if (ended()) {
            return;
        }
        tellPeer(reason, text);
        finish(null, new FileTransferException(reason, text.isEmpty() ? reason.toString() : text));
    }

    // ----- ending -----

    /** Sends session-terminate unless the peer already ended the session or never heard of it. */
    private void tellPeer(JingleReason.Reason reason, String text) {
        if (jingle.allows(SessionEvent.SEND_TERMINATE)) {
            fire(SessionEvent.SEND_TERMINATE);
            jingle.sendTerminate(reason, text);
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
     * Ends this session's part: timeouts, transports, a partial file. The partial file goes at once, so that
     * whoever learns of the failure from the result finds nothing left behind; closing a transport may wait
     * on the network and runs on the pool. Telling the container comes last: it may act on the session's end.
     */
    private void release() {
        stages.fire(FileStageEvent.END);
        transports.close();
        payload.discard();
        onEnded.accept(this);
    }

    // ----- helpers -----

    private void fire(SessionEvent event) {
        jingle.fire(event);
    }

    /**
     * A request of ours failed. Once the session is terminated its session-terminate decides the outcome; and once
     * bytes are moving, a transport-info (a late candidate report or activation) is about a negotiation that is over,
     * so its failure changes nothing: the bytes, the payload's timeouts and the peer's session-terminate decide. A
     * receiver that has the whole file may end the session and forget it before our transport-info reaches it, and
     * answer it with item-not-found (an unknown session), which says nothing about the file.
     */
    private synchronized void requestFailed(JingleAction action, Exception failure) {
        if (ended() || jingle.state() == SessionState.TERMINATED
                || (action == JingleAction.transport_info && BYTES_MOVING.contains(stages.stage()))) {
            return;
        }
        JingleReason.Reason reason = SessionBase.reasonFor(failure);
        String text = SessionBase.describe(action, failure);
        if (action != JingleAction.session_initiate) {
            end(reason, text);
        } else {
            signallingFailed(reason, text);
        }
    }

    /** Whether we offered the file: the Jingle initiator sends (XEP-0234 §4.1). */
    private boolean sending() {
        return jingle.role() == Role.initiator;
    }

    @Override
    public String toString() {
        return "file session " + jingle.key().sid() + " with " + jingle.peer() + " ("
                + (sending() ? "sending" : "receiving")
                + ", " + stages.stage() + ")";
    }
}
