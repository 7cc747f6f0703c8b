package im.tandem.client.file;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.file.element.FileDescription;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.client.jingle.session.JingleSignalling;
import im.tandem.client.jingle.session.SessionKey;
import im.tandem.client.time.ManualScheduler;

/**
 * One {@link FileSession} on its own, driven by the test: what it sends is recorded (and every request succeeds),
 * its blocking work runs at once on the test's thread, its transports connect when the test says so, and its
 * clock moves only when the test moves it. So each step and each timeout can be checked exactly.
 */
final class SessionBench {
    static final FullJid LOCAL = JidCreate.entityFullFromOrThrowUnchecked("alice@example.org/desk");
    static final FullJid PEER = JidCreate.entityFullFromOrThrowUnchecked("bob@example.org/laptop");
    private static final String SID = "bench";

    final ManualScheduler clock = new ManualScheduler();
    final HandTransports transports = new HandTransports();
    final List<Jingle> sent = new CopyOnWriteArrayList<>();
    /** For each request in {@link #sent}, how to tell the session the peer refused it. */
    final List<Consumer<Exception>> refusals = new CopyOnWriteArrayList<>();
    /** Each time the session told its container it ended, the re-offer it asked for then. */
    final List<Optional<FileSession.Reoffer>> endings = new CopyOnWriteArrayList<>();
    private final FileSessionHost host;

    SessionBench(FileTransferConfig config) {
        JingleSignalling signalling = new JingleSignalling() {
            @Override
            public FullJid localJid() {
                return LOCAL;
            }

            @Override
            public void request(Jingle request, Consumer<Exception> onFailure) {
                sent.add(request);
                refusals.add(onFailure);
            }

            @Override
            public void respond(IQ response) {
            }
        };
        host = new FileSessionHost(null, signalling, peer -> true, () -> config, transports.factories(), Runnable::run,
                clock);
    }

    /** Our offer of {@code file} over {@code plan}, started: its session-initiate is sent. */
    FileSession offer(Path file, List<TransportMethod> plan) throws Exception {
        FileSession session = FileSession.outgoing(new SessionKey(PEER, SID), file, FileOffers.describe(file), plan,
                new FileTransferListener() { }, host, ended -> endings.add(ended.reoffer()), null);
        session.start();
        return session;
    }

    /** The peer's offer of {@code description} over {@code method}, received and accepted. */
    FileSession acceptOffer(FileDescription description, TransportMethod method) {
        FileSession session = receiveOffer(description, method);
        session.accept(new FileTransferListener() { });
        return session;
    }

    /** The peer's offer of {@code description} over {@code method}, received and waiting for an answer. */
    FileSession receiveOffer(FileDescription description, TransportMethod method) {
        FileSession session = FileSession.incoming(new SessionKey(PEER, SID),
                content(HandTransports.element(method), description), host, ended -> { });
        session.receivedInitiate();
        return session;
    }

    /** The content of a peer's answer (session-accept, transport-accept) over {@code method}. */
    static JingleContent answer(TransportMethod method) {
        return content(HandTransports.element(method), null);
    }

    Jingle lastSent() {
        return sent.get(sent.size() - 1);
    }

    /** The peer answers the last request sent with an error of {@code condition}. */
    void refuseLast(StanzaError.Condition condition) {
        Jingle request = lastSent();
        refusals.get(refusals.size() - 1).accept(new XMPPException.XMPPErrorException(request,
                StanzaError.getBuilder(condition).build()));
    }

    private static JingleContent content(JingleContentTransport transport, FileDescription description) {
        JingleContent.Builder content = JingleContent.getBuilder().setCreator(JingleContent.Creator.initiator)
                .setName(FileSession.CONTENT_NAME).setTransport(transport);
        if (description != null) {
            content.setSenders(JingleContent.Senders.initiator).setDescription(description);
        }
        return content.build();
    }
}
