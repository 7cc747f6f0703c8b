package im.tandem.client.file;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.FullJid;

import im.tandem.client.file.element.FileDescription;
import im.tandem.client.file.provider.FileProviders;
import im.tandem.client.file.transport.TransportFactory;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.client.jingle.session.JingleReply;
import im.tandem.client.jingle.session.JingleSessions;
import im.tandem.client.jingle.session.JingleSignalling;
import im.tandem.ice.net.ExecutorScheduler;

/**
 * One party of an in-memory file transfer test: its {@link FileSessions} behind a Jingle router, wired to the other
 * party's through a signalling that writes each Jingle request as the stream would, parses it back at the other
 * side, and delivers it there in order on its own thread, with the answer and the follow-up as
 * {@code JingleRequestHandler} does.
 */
final class WiredParty {
    private static final XmlEnvironment STREAM = XmlEnvironment.builder().withNamespace("jabber:client").build();

    static {
        FileProviders.register();
    }

    final FullJid jid;
    final FileSessions sessions;
    /** The party's router, as the Jingle manager has it: requests reach the file sessions through it. */
    private final JingleSessions jingle;
    final List<Jingle> received = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor();
    private volatile FileTransferConfig config;
    private WiredParty peer;

    WiredParty(FullJid jid, Set<BareJid> contacts, FileTransferConfig config, Map<TransportMethod, TransportFactory> factories) {
        this.jid = jid;
        this.config = config;
        JingleSignalling signalling = new JingleSignalling() {
            @Override
            public FullJid localJid() {
                return jid;
            }

            @Override
            public void request(Jingle request, Consumer<Exception> onFailure) {
                request.setFrom(jid);
                peer.deliver(request, onFailure);
            }

            @Override
            public void respond(IQ response) {
                // answers are delivered by deliver() itself
            }
        };
        jingle = new JingleSessions(signalling, contacts::contains);
        sessions = new FileSessions(new FileSessionHost(null, signalling, contacts::contains, () -> this.config,
                factories, Executors.newCachedThreadPool(),
                new ExecutorScheduler(Executors.newSingleThreadScheduledExecutor())), jingle);
    }

    static void connect(WiredParty a, WiredParty b) {
        a.peer = b;
        b.peer = a;
    }

    /** Offers a file to the peer over {@code plan}, describing it with {@code description}. */
    FileTransfer send(Path file, FileDescription description, List<TransportMethod> plan) {
        return sessions.offer(peer.jid, file, description, plan, new FileTransferListener() { });
    }

    private void deliver(Jingle request, Consumer<Exception> onFailure) {
        delivery.execute(() -> {
            try {
                IQ parsed = overTheWire(request);
                if (parsed instanceof Jingle jingle) {
                    received.add(jingle);
                }
                JingleReply reply = jingle.handle(parsed);
                if (reply.response().getType() == IQ.Type.error) {
                    onFailure.accept(new XMPPException.XMPPErrorException(reply.response(),
                            reply.response().getError()));
                }
                reply.afterwards().run();
            } catch (Exception e) {
                onFailure.accept(e);
            }
        });
    }

    private static IQ overTheWire(IQ stanza) throws Exception {
        StringWriter wire = new StringWriter();
        ((XmlStringBuilder) stanza.toXML(STREAM)).write(wire, STREAM);
        return (IQ) PacketParserUtils.parseStanza(wire.toString());
    }
}
