package im.tandem.client.file.transport.ibb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smackx.bytestreams.ibb.InBandBytestreamManager;
import org.jivesoftware.smackx.bytestreams.ibb.InBandBytestreamSession;
import org.jivesoftware.smackx.bytestreams.ibb.packet.Close;
import org.jivesoftware.smackx.bytestreams.ibb.packet.Open;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class IbbPipeTest {
    /**
     * The sender's closing of its output, once the last byte is written, sends {@code <close/>}: that is how the
     * receiver learns the file is complete.
     */
    @Test
    void closingTheSendersOutputSendsClose() throws Exception {
        List<Object> sent = new CopyOnWriteArrayList<>();
        IbbPipe pipe = new IbbPipe(new Session(recordingConnection(sent)), 1_000);

        // The fake connection never answers, so waiting for the reply to <close/> fails; the stanza went out.
        assertThatThrownBy(() -> pipe.output().close()).isInstanceOf(IOException.class);

        assertThat(sent).singleElement().isInstanceOfSatisfying(Close.class,
                close -> assertThat(close.getSessionID()).isEqualTo("sid-1"));
    }

    /** A connection that records what is sent through it and answers every other call with a default value. */
    private static XMPPConnection recordingConnection(List<Object> sent) {
        return (XMPPConnection) Proxy.newProxyInstance(IbbPipeTest.class.getClassLoader(),
                new Class<?>[] {XMPPConnection.class}, (proxy, method, arguments) -> {
                    if (method.getName().startsWith("createStanzaCollectorAndSend")) {
                        sent.add(arguments[arguments.length - 1]);
                    }
                    Class<?> type = method.getReturnType();
                    return type == boolean.class ? Boolean.FALSE : type.isPrimitive() && type != void.class ? 0 : null;
                });
    }

    private static final class Session extends InBandBytestreamSession {
        Session(XMPPConnection connection) throws Exception {
            super(connection, new Open("sid-1", 4096, InBandBytestreamManager.StanzaType.IQ),
                    JidCreate.from("sam@example.org/libervia"));
        }
    }
}
