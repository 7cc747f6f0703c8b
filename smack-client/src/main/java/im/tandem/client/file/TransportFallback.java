package im.tandem.client.file;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;
import org.jivesoftware.smackx.jingle.element.JingleReason;

import im.tandem.client.file.transport.BadTransportException;
import im.tandem.client.file.transport.NegotiationContext;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.client.file.transport.TransportNegotiation;
import im.tandem.client.jingle.session.SessionEvent;

/**
 * Finding a transport that carries a file session's bytes, as XEP-0260 §3 has it: the initiator offers its most
 * preferred transport that the peer supports and, when that one fails, proposes the next in transport-replace; the
 * responder answers each transport offered (transport-accept, or transport-reject when it cannot use it) and gives
 * them a limited time to carry the file. Holds the transports not yet tried, the one being negotiated and the
 * negotiation's timeouts; hands a connected transport to its session.
 *
 * <p>Guarded by the session; blocking work (gathering candidates, asking the server) runs on the host's pool.
 */
final class TransportFallback {
    private static final Logger LOG = Logger.getLogger(TransportFallback.class.getName());
    /**
     * The responder gives the transports this many negotiation timeouts to carry the first byte: when the first
     * fails, the initiator still has one to replace it in.
     */
    private static final int RESPONDER_WAIT_IN_NEGOTIATION_TIMEOUTS = 2;

    private final FileSession session;
    private final FileSessionHost host;
    private final boolean initiator;
    private final FileStageMachine stages;
    private final Deque<TransportMethod> untried;
    private final FileTimeout timeout;
    private TransportNegotiation negotiation;

    /** @param plan the initiator's transports in order of preference; empty for the responder */
    TransportFallback(FileSession session, FileSessionHost host, boolean initiator, FileStageMachine stages,
            List<TransportMethod> plan) {
        this.session = session;
        this.host = host;
        this.initiator = initiator;
        this.stages = stages;
        this.untried = new ArrayDeque<>(plan);
        this.timeout = new FileTimeout(session, host.scheduler());
    }

    /** The initiator's transports not tried yet. */
    List<TransportMethod> untried() {
        return List.copyOf(untried);
    }

    /** The transport being negotiated, if any. */
    Optional<TransportMethod> current() {
        return Optional.ofNullable(negotiation).map(TransportNegotiation::method);
    }

    /** Initiator: sets up the first transport that can be and offers it in session-initiate. */
    void offerFirst() {
        host.executor().execute(() -> prepare(true, ""));
    }

    /** Responder: answers the offered transport in session-accept. */
    void answerOffer(JingleContentTransport offer) {
        host.executor().execute(() -> answer(offer, true));
    }

    /**
     * Initiator: creates the next transport that works and offers it, in session-initiate the first time and in
     * transport-replace afterwards. Runs on the pool.
     */
    private void prepare(boolean first, String previousFailure) {
        String failures = previousFailure;
        while (true) {
            TransportMethod method;
            synchronized (session) {
                if (session.ended()) {
                    return;
                }
                method = untried.poll();
                if (method == null) {
                    session.end(JingleReason.Reason.failed_transport, "no transport could carry the file"
                            + (failures.isEmpty() ? "" : " (" + failures + ")"));
                    return;
                }
            }
            TransportNegotiation created;
            try {
                created = host.factories().get(method).offer(context());
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, method + " cannot be offered to " + session.peer(), e);
                failures = join(failures, method.route() + ": " + e.getMessage());
                continue;
            }
            synchronized (session) {
                if (session.ended() || !session.stillAllowed()) {
                    created.close();
                    return;
                }
                negotiation = created;
                if (first) {
                    session.send(SessionEvent.SEND_INITIATE, FileRequests.initiate(session, created.local()));
                } else {
                    stages.fire(FileStageEvent.SEND_REPLACE);
                    session.send(SessionEvent.SEND_TRANSPORT_REPLACE,
                            FileRequests.transport(session, JingleAction.transport_replace, created.local()));
                    timeout.arm(config().negotiationTimeout(), () -> session.end(JingleReason.Reason.timeout,
                            "no answer to our transport-replace"));
                }
            }
            return;
        }
    }

    /** Responder: answers an offered transport, in session-accept the first time and transport-accept after. */
    private void answer(JingleContentTransport offer, boolean first) {
        TransportMethod method = TransportMethod.ofNamespace(offer.getNamespace()).orElseThrow();
        TransportNegotiation created;
        try {
            created = host.factories().get(method).answer(context(), offer);
        } catch (IOException | BadTransportException | RuntimeException e) {
            LOG.log(Level.FINE, method + " offered by " + session.peer() + " cannot be answered", e);
            synchronized (session) {
                if (first) {
                    session.end(JingleReason.Reason.failed_transport,
                            method.route() + " cannot be used: " + e.getMessage());
                } else {
                    reject(offer);
                }
            }
            return;
        }
        synchronized (session) {
            if (session.ended() || !session.stillAllowed()) {
                created.close();
                return;
            }
            replaceNegotiation(created);
            if (first) {
                session.send(SessionEvent.SEND_ACCEPT, FileRequests.accept(session, created.local()));
            } else {
                session.send(SessionEvent.SEND_TRANSPORT_ACCEPT,
                        FileRequests.transport(session, JingleAction.transport_accept, created.local()));
            }
            try {
                created.start(offer);
            } catch (BadTransportException e) {
                session.end(JingleReason.Reason.failed_transport, method.route() + " cannot be used: "
                        + e.getMessage());
                return;
            }
            watch(created);
            awaitTransport();
        }
    }

    /** Responder: the transport must carry the first byte in time; if it fails, the initiator may replace it. */
    private void awaitTransport() {
        Duration limit = config().negotiationTimeout().multipliedBy(RESPONDER_WAIT_IN_NEGOTIATION_TIMEOUTS);
        timeout.arm(limit, () -> session.end(JingleReason.Reason.failed_transport,
                "no transport carried the file within " + limit.toSeconds() + " s"));
    }

    private void reject(JingleContentTransport offer) {
        if (session.allows(SessionEvent.SEND_TRANSPORT_REJECT)) {
            session.send(SessionEvent.SEND_TRANSPORT_REJECT,
                    FileRequests.transport(session, JingleAction.transport_reject, offer));
            if (!initiator) {
                awaitTransport();
            }
        }
    }

    // ----- the peer's transport messages (the session has checked them against the Jingle state) -----

    /** Initiator: the peer's answer (session-accept or transport-accept) starts the transport we offered. */
    void answered(JingleContent content) throws BadRequestException {
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
        timeout.arm(config().negotiationTimeout(), () -> failed(started,
                "no connection within " + config().negotiationTimeout().toSeconds() + " s"));
    }

    /** Initiator: the responder takes the transport we proposed in transport-replace. */
    void replacementAccepted(JingleContent content) throws BadRequestException {
        if (!stages.allows(FileStageEvent.REPLACE_ACCEPTED)) {
            throw new BadRequestException("there is no transport-replace to accept");
        }
        answered(content);
        stages.fire(FileStageEvent.REPLACE_ACCEPTED);
    }

    /**
     * Initiator: the responder refuses the transport we proposed.
     *
     * @return trying the next one, to run once the request is acknowledged
     */
    Runnable replacementRejected() throws BadRequestException {
        if (!stages.allows(FileStageEvent.REPLACE_REJECTED)) {
            throw new BadRequestException("there is no transport-replace to reject");
        }
        stages.fire(FileStageEvent.REPLACE_REJECTED);
        timeout.disarm();
        TransportNegotiation rejected = negotiation;
        negotiation = null;
        host.executor().execute(rejected::close);
        return () -> host.executor().execute(() -> prepare(false,
                rejected.method().route() + ": rejected by the peer"));
    }

    /**
     * Responder: the initiator proposes another transport. Accepted when we use that transport and are still
     * negotiating, rejected otherwise.
     *
     * @return the answer, to give once the request is acknowledged
     */
    Runnable replacementOffered(JingleContentTransport transport) {
        boolean usable = stages.allows(FileStageEvent.REPLACE_OFFERED) && TransportMethod.ofNamespace(
                transport.getNamespace()).filter(config().transports()::contains).isPresent();
        if (!usable) {
            return () -> {
                synchronized (session) {
                    reject(transport);
                }
            };
        }
        stages.fire(FileStageEvent.REPLACE_OFFERED);
        timeout.disarm();
        return () -> host.executor().execute(() -> answer(transport, false));
    }

    /** Trickled details for the transport being negotiated; news about one already given up is dropped. */
    void info(JingleContentTransport transport) throws BadRequestException {
        if (negotiation == null || transport == null
                || !negotiation.method().namespace().equals(transport.getNamespace())) {
            return;
        }
        try {
            negotiation.info(transport);
        } catch (BadTransportException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** The session is over: stops the timeout and closes the transport (on the pool: closing may wait). */
    void close() {
        timeout.disarm();
        TransportNegotiation last = negotiation;
        negotiation = null;
        if (last != null) {
            host.executor().execute(last::close);
        }
    }

    // ----- the negotiation's outcome -----

    private void watch(TransportNegotiation watched) {
        watched.pipe().whenCompleteAsync((pipe, failure) -> {
            synchronized (session) {
                if (failure != null) {
                    failed(watched, failure.getMessage());
                } else if (watched == negotiation && stages.allows(FileStageEvent.CONNECTED)) {
                    timeout.disarm();
                    stages.fire(FileStageEvent.CONNECTED);
                    session.connected(watched.method(), pipe);
                }
                // otherwise the negotiation was closed meanwhile, and its pipe with it
            }
        }, host.executor());
    }

    /**
     * The transport cannot carry the bytes. The initiator moves to the next one; the responder waits for the
     * initiator's transport-replace, under the timeout armed when it answered.
     */
    private void failed(TransportNegotiation failed, String why) {
        if (failed != negotiation || !stages.allows(FileStageEvent.TRANSPORT_FAILED)) {
            return;
        }
        stages.fire(FileStageEvent.TRANSPORT_FAILED);
        LOG.fine(() -> failed.method() + " with " + session.peer() + " failed: " + why);
        if (initiator) {
            timeout.disarm();
            negotiation = null;
            host.executor().execute(failed::close);
            host.executor().execute(() -> prepare(false, failed.method().route() + ": " + why));
        }
    }

    private void replaceNegotiation(TransportNegotiation replacement) {
        TransportNegotiation previous = negotiation;
        negotiation = replacement;
        if (previous != null) {
            host.executor().execute(previous::close);
        }
    }

    private NegotiationContext context() {
        return new NegotiationContext(host.connection(), host.signalling().localJid(), session.peer(), initiator,
                config().transportSettings(), host.executor(), this::sendInfo);
    }

    /** A negotiation's transport-info; dropped once the session is over. */
    private void sendInfo(JingleContentTransport transport) {
        synchronized (session) {
            if (session.ended() || !session.allows(SessionEvent.SEND_TRANSPORT_INFO) || !session.stillAllowed()) {
                return;
            }
            session.send(SessionEvent.SEND_TRANSPORT_INFO,
                    FileRequests.transport(session, JingleAction.transport_info, transport));
        }
    }

    private FileTransferConfig config() {
        return host.config().get();
    }

    private static String join(String failures, String failure) {
        return failures.isEmpty() ? failure : failures + "; " + failure;
    }
}
