package im.tandem.client.file;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.FullJid;

import im.tandem.client.file.element.FileDescription;
import im.tandem.client.file.element.FileInfo;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.client.jingle.session.IllegalTransitionException;
import im.tandem.client.jingle.session.JingleApplication;
import im.tandem.client.jingle.session.JingleErrors;
import im.tandem.client.jingle.session.JingleReply;
import im.tandem.client.jingle.session.JingleRequestGate;
import im.tandem.client.jingle.session.SessionIds;
import im.tandem.client.jingle.session.SessionKey;

/**
 * The file sessions of one account, as the Jingle application for XEP-0234: answers every request for them with a
 * result or the error XEP-0166 prescribes (bad-request, unknown-session, out-of-order), in that order of checks,
 * and decides about offers: strangers are declined before anything else is said, then what we cannot take is
 * refused with the matching reason, then the {@link IncomingFileHandler} decides.
 */
final class FileSessions implements JingleApplication {
    private static final Logger LOG = Logger.getLogger(FileSessions.class.getName());
    /** Told to anyone who is not a mutual contact. */
    static final String NOT_A_CONTACT = "files are only exchanged with mutual contacts";
    /** Until the application installs a handler, offers are declined rather than left pending. */
    static final String NOT_ACCEPTING = "not accepting files";

    private final FileSessionHost host;
    private final ConcurrentMap<SessionKey, FileSession> sessions = new ConcurrentHashMap<>();
    private volatile IncomingFileHandler incomingHandler = offer -> offer.decline(NOT_ACCEPTING);

    FileSessions(FileSessionHost host) {
        this.host = host;
    }

    void setIncomingHandler(IncomingFileHandler handler) {
        this.incomingHandler = Objects.requireNonNull(handler, "handler");
    }

    /** Offers {@code source} to {@code peer} over {@code plan}, in order; returns at once. */
    FileTransfer offer(FullJid peer, Path source, FileDescription description, List<TransportMethod> plan,
            FileTransferListener listener) {
        return offer(peer, source, description, plan, listener, null);
    }

    private FileTransfer offer(FullJid peer, Path source, FileDescription description, List<TransportMethod> plan,
            FileTransferListener listener, FileTransfer continuing) {
        FileSession session = FileSession.outgoing(new SessionKey(peer, SessionIds.next()), source, description, plan,
                listener, host, this::forget, (untried, transfer) ->
                        offer(peer, source, description, untried, listener, transfer), continuing);
        sessions.put(session.key(), session);
        session.start();
        return session.transfer();
    }

    List<FileSession> live() {
        return List.copyOf(sessions.values());
    }

    @Override
    public String namespace() {
        return FileDescription.NAMESPACE;
    }

    @Override
    public boolean owns(SessionKey key) {
        return sessions.containsKey(key);
    }

    @Override
    public JingleReply handle(IQ request) {
        try {
            return JingleRequestGate.pass(request, this::owns, this::route);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "failed to handle a file transfer request from " + request.getFrom(), e);
            return JingleReply.of(JingleErrors.internalError(request));
        }
    }

    @Override
    public void peerWentOffline(FullJid peer) {
        for (FileSession session : live()) {
            if (session.peer().equals(peer)) {
                session.signallingFailed(JingleReason.Reason.gone, peer + " went offline");
            }
        }
    }

    @Override
    public void connectionLost() {
        live().forEach(session -> session.signallingFailed(JingleReason.Reason.connectivity_error,
                "the server connection closed"));
    }

    private JingleReply route(Jingle jingle, FullJid peer) {
        return switch (jingle.getAction()) {
            case session_initiate -> initiate(jingle, peer);
            case session_accept -> on(jingle, peer, session -> {
                session.receivedAccept(content(jingle, session));
                return null;
            });
            case transport_info -> on(jingle, peer, session -> {
                session.receivedTransportInfo(content(jingle, session));
                return null;
            });
            case transport_replace -> on(jingle, peer, session -> session.receivedTransportReplace(
                    content(jingle, session)));
            case transport_accept -> on(jingle, peer, session -> {
                session.receivedTransportAccept(content(jingle, session));
                return null;
            });
            case transport_reject -> on(jingle, peer, session -> {
                content(jingle, session);
                return session.receivedTransportReject();
            });
            case session_info -> on(jingle, peer, session -> {
                session.receivedSessionInfo(jingle.getExtensions());
                return null;
            });
            case session_terminate -> on(jingle, peer, session -> {
                session.receivedTerminate(jingle.getReason());
                return null;
            });
            default -> JingleReply.of(sessions.containsKey(new SessionKey(peer, jingle.getSid()))
                    ? JingleErrors.notImplemented(jingle, jingle.getAction() + " is not supported in file transfer")
                    : JingleErrors.unknownSession(jingle));
        };
    }

    private JingleReply initiate(Jingle jingle, FullJid peer) {
        Optional<IQ> malformed = JingleErrors.malformedInitiate(jingle, peer,
                content -> content.getDescription() instanceof FileDescription && content.getTransport() != null,
                "a file <description/> and a <transport/>");
        if (malformed.isPresent()) {
            return JingleReply.of(malformed.get());
        }
        List<JingleContent> contents = jingle.getContents();
        FileSession session = FileSession.incoming(new SessionKey(peer, jingle.getSid()), contents.get(0), host,
                this::forget);
        if (sessions.putIfAbsent(session.key(), session) != null) {
            return JingleReply.of(JingleErrors.outOfOrder(jingle, "session " + jingle.getSid() + " already exists"));
        }
        session.receivedInitiate();
        return new JingleReply(IQ.createResultIQ(jingle), () -> decide(session, contents));
    }

    /** The responder's answer to an offer, after the acknowledgement. */
    private void decide(FileSession session, List<JingleContent> contents) {
        if (refused(session, contents)) {
            return;
        }
        try {
            incomingHandler.offered(new IncomingFileOffer(session));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the incoming file handler failed on " + session, e);
            session.refuse(JingleReason.Reason.general_error, "the client failed to handle the offer");
        }
    }

    /** Refuses what we do not take, saying why; false when the offer can go to the handler. */
    private boolean refused(FileSession session, List<JingleContent> contents) {
        if (!host.policy().mayConnectDirectly(session.peer().asBareJid())) {
            return refuse(session, JingleReason.Reason.decline, NOT_A_CONTACT);
        }
        if (contents.size() > 1) {
            return refuse(session, JingleReason.Reason.unsupported_applications, "one file per session is supported");
        }
        JingleContent content = contents.get(0);
        FileInfo file = session.file();
        FileTransferConfig config = host.config().get();
        if (content.getSenders() != JingleContent.Senders.initiator) {
            return refuse(session, JingleReason.Reason.failed_application,
                    "only file offers (senders='initiator') are supported, not requests");
        }
        if (file.size().isEmpty()) {
            return refuse(session, JingleReason.Reason.failed_application, "the offer must give the file's <size/>");
        }
        if (file.range().filter(range -> !range.isWholeFile()).isPresent()) {
            return refuse(session, JingleReason.Reason.failed_application, "ranged transfers are not supported");
        }
        if (file.size().getAsLong() > config.maxIncomingSize()) {
            return refuse(session, JingleReason.Reason.media_error, "the file is larger than the "
                    + config.maxIncomingSize() + " bytes we accept");
        }
        boolean transportUsable = TransportMethod.ofNamespace(session.offeredTransport().getNamespace())
                .filter(config.transports()::contains).isPresent();
        if (!transportUsable) {
            return refuse(session, JingleReason.Reason.unsupported_transports, "we take files over "
                    + config.transports().stream().map(TransportMethod::namespace).toList());
        }
        return false;
    }

    private static boolean refuse(FileSession session, JingleReason.Reason reason, String text) {
        session.refuse(reason, text);
        return true;
    }

    private JingleReply on(Jingle jingle, FullJid peer, SessionAction action) {
        FileSession session = sessions.get(new SessionKey(peer, jingle.getSid()));
        if (session == null) {
            return JingleReply.of(JingleErrors.unknownSession(jingle));
        }
        try {
            Runnable afterwards = action.apply(session);
            return afterwards == null ? JingleReply.of(IQ.createResultIQ(jingle))
                    : new JingleReply(IQ.createResultIQ(jingle), afterwards);
        } catch (BadRequestException e) {
            return JingleReply.of(JingleErrors.badRequest(jingle, e.getMessage()));
        } catch (IllegalTransitionException e) {
            return JingleReply.of(JingleErrors.outOfOrder(jingle,
                    jingle.getAction() + " does not fit the session's state " + e.state()));
        }
    }

    /** The one content of a file session, by its name. */
    private static JingleContent content(Jingle jingle, FileSession session) throws BadRequestException {
        List<JingleContent> contents = jingle.getContents();
        if (contents.size() != 1 || !contents.get(0).getName().equals(session.contentName())) {
            throw new BadRequestException(jingle.getAction() + " must carry the one content '"
                    + session.contentName() + "'");
        }
        return contents.get(0);
    }

    private void forget(FileSession session) {
        sessions.remove(session.key(), session);
    }

    /** What a request does to its session; may refuse it as malformed or out of order. */
    @FunctionalInterface
    private interface SessionAction {
        /** @return what to do once the request is acknowledged, or null for nothing */
        Runnable apply(FileSession session) throws BadRequestException;
    }
}
