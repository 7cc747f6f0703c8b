package im.tandem.it.sint.runner;

import org.igniterealtime.smack.inttest.XmppConnectionDescriptor;
import org.igniterealtime.smack.inttest.XmppConnectionManager;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * SINT 4.5.0-beta5 has a host setting but no port setting: its TCP connections always go to 5222, which a
 * test server on a free port does not listen on. This replaces SINT's own "tcp" connection type with one
 * that is the same but for the port, and makes it SINT's default connection type.
 */
final class TcpOnPort {
    /** SINT's name for its plain TCP connection type, kept so that its settings and reports still apply. */
    static final String NICKNAME = "tcp";

    private TcpOnPort() {
    }

    static void install(int port) throws ReflectiveOperationException {
        // Without this SINT keeps using the stock descriptor it remembers as its default.
        System.setProperty("sinttest.defaultConnection", NICKNAME);
        XmppConnectionManager.addConnectionDescriptor(
                XmppConnectionDescriptor.buildWith(XMPPTCPConnection.class, XMPPTCPConnectionConfiguration.class,
                                XMPPTCPConnectionConfiguration.Builder.class)
                        .withNickname(NICKNAME)
                        .applyExtraConfiguration(builder -> builder.setPort(port))
                        .build());
    }
}
