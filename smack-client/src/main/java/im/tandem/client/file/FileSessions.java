package im.tandem.client.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.FullJid;

import im.tandem.client.file.element.FileDescription;
import im.tandem.client.file.element.FileInfo;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.client.jingle.session.JingleApplication;
import im.tandem.client.jingle.session.JingleSessions;
import im.tandem.client.jingle.session.RoutedSession;
import im.tandem.client.jingle.session.SessionIds;
import im.tandem.client.jingle.session.SessionKey;

/**
 * The file sessions of one account, as the Jingle application for XEP-0234. The account's {@link JingleSessions}
 * routes the requests and declines strangers; this decides about offers from mutual contacts: what we cannot take
 * is refused with the matching reason, and so is what the {@link IncomingLimits} do not allow (see
 * {@link IncomingAdmission}); then the {@link IncomingFileHandler} decides.
 */
final class FileSessions implements JingleApplication {
    private static final Logger LOG = Logger.getLogger(FileSessions.class.getName());
    /** Until the application installs a handler, offers are declined rather than left pending. */
    static final String NOT_ACCEPTING = "not accepting files";

    private final FileSessionHost host;
    private final JingleSessions jingle;
    private volatile IncomingFileHandler incomingHandler = offer -> offer.decline(NOT_ACCEPTING);

    /** The file application of {@code jingle}, added to it. */
    FileSessions(FileSessionHost host, JingleSessions jingle) {
        this.host = host;
        this.jingle = jingle;
        jingle.addApplication(this);
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
                listener, host, this::ended, continuing);
        jingle.register(new FileSessionRoute(session));
        session.start();
        return session.transfer();
    }

    /** The file sessions that have not ended. */
    List<FileSession> live() {
        return jingle.live().stream().filter(FileSessionRoute.class::isInstance)
                .map(route -> ((FileSessionRoute) route).session()).toList();
    }

    @Override
    public String namespace() {
        return FileDescription.NAMESPACE;
    }

    @Override
    public boolean complete(JingleContent content) {
        return content.getDescription() instanceof FileDescription && content.getTransport() != null;
    }

    @Override
    public String completeContent() {
        return "a file <description/> and a <transport/>";
    }

    @Override
    public RoutedSession incoming(SessionKey key, Jingle offer) {
        return new FileSessionRoute(FileSession.incoming(key, offer.getContents().get(0), host, this::forget));
    }

    /** The responder's answer to an offer from a mutual contact, after the acknowledgement. */
    @Override
    public void offered(RoutedSession route, Jingle offer) {
        FileSession session = ((FileSessionRoute) route).session();
        if (refused(session, offer.getContents())) {
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
        boolean transportUsable = TransportMethod.ofNamespace(session.offeredTransport().getNamespace())
                .filter(config.transports()::contains).isPresent();
        if (!transportUsable) {
            return refuse(session, JingleReason.Reason.unsupported_transports, "we take files over "
                    + config.transports().stream().map(TransportMethod::namespace).toList());
        }
        long usableSpace;
        try {
            usableSpace = usableSpace(config.downloadDirectory());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read the free space of " + config.downloadDirectory(), e);
            return refuse(session, JingleReason.Reason.general_error, "the download folder cannot be used");
        }
        Optional<IncomingAdmission.Refusal> refusal = IncomingAdmission.check(config.incoming(),
                session.peer().asBareJid(), file.size().getAsLong(), openIncoming(session), usableSpace);
        return refusal.isPresent() && refuse(session, refusal.get().reason(), refusal.get().text());
    }

    /** The incoming files, other than {@code offer}'s, that have not ended (an ended session is forgotten). */
    private List<IncomingAdmission.Open> openIncoming(FileSession offer) {
        return live().stream()
                .filter(other -> other != offer && other.transfer().direction() == FileTransfer.Direction.RECEIVE)
                .map(other -> new IncomingAdmission.Open(other.peer().asBareJid(), other.transfer().size()))
                .toList();
    }

    /** The space free for us on the file system of {@code directory}, or of its nearest existing parent. */
    private static long usableSpace(Path directory) throws IOException {
        Path existing = directory.toAbsolutePath();
        while (!Files.exists(existing) && existing.getParent() != null) {
            existing = existing.getParent();
        }
        return Files.getFileStore(existing).getUsableSpace();
    }

    private static boolean refuse(FileSession session, JingleReason.Reason reason, String text) {
        session.refuse(reason, text);
        return true;
    }

    private void forget(FileSession session) {
        jingle.forget(new FileSessionRoute(session));
    }

    /** Our offer's session ended: forgotten, and made again if the peer only refused its transport. */
    private void ended(FileSession session) {
        forget(session);
        session.reoffer().ifPresent(again -> offer(again.peer(), again.source(), again.description(),
                again.untried(), again.listener(), again.transfer()));
    }
}
