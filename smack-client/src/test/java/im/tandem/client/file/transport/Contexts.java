package im.tandem.client.file.transport;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.ice.channel.ChannelConfig;
import im.tandem.ice.session.IceConfig;

/** The two parties of the transport tests and the context each negotiates in. */
public final class Contexts {
    public static final FullJid ROMEO = JidCreate.fullFromOrThrowUnchecked("romeo@montague.example/orchard");
    public static final FullJid JULIET = JidCreate.fullFromOrThrowUnchecked("juliet@capulet.example/balcony");

    private Contexts() {
    }

    /** Romeo initiated the session, Juliet responds. */
    public static NegotiationContext romeo(XMPPConnection connection, int ibbBlockSize, Executor executor,
            Consumer<JingleContentTransport> sendInfo) {
        return new NegotiationContext(connection, ROMEO, JULIET, true, settings(ibbBlockSize), executor, sendInfo);
    }

    public static NegotiationContext juliet(XMPPConnection connection, int ibbBlockSize, Executor executor,
            Consumer<JingleContentTransport> sendInfo) {
        return new NegotiationContext(connection, JULIET, ROMEO, false, settings(ibbBlockSize), executor, sendInfo);
    }

    private static TransportSettings settings(int ibbBlockSize) {
        return new TransportSettings(ibbBlockSize, Duration.ofSeconds(5), true, 4, Duration.ofSeconds(5),
                IceConfig.defaults(), ChannelConfig.defaults());
    }
}
