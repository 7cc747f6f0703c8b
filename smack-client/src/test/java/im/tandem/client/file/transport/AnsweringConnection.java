package im.tandem.client.file.transport;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;

/**
 * An {@link XMPPConnection} standing in for the server in transport tests: every IQ sent with
 * {@code createStanzaCollectorAndSend} is recorded and answered at once with an empty result, as a proxy that
 * activates a stream or a peer that accepts an in-band open would answer. Every other call does nothing.
 *
 * <p>Smack makes its {@link StanzaCollector} final with a package-private constructor (its own tests use a
 * {@code DummyConnection} from smack-core's test jar, which is not published), so the answered collector is made
 * by reflection.
 */
public final class AnsweringConnection {
    private static final long REPLY_TIMEOUT_MILLIS = 5_000;

    private final List<IQ> sent = new CopyOnWriteArrayList<>();
    private final XMPPConnection connection = (XMPPConnection) Proxy.newProxyInstance(
            AnsweringConnection.class.getClassLoader(), new Class<?>[] {XMPPConnection.class}, this::call);

    public XMPPConnection connection() {
        return connection;
    }

    /** The IQs sent so far, oldest first. */
    public List<IQ> sent() {
        return sent;
    }

    private Object call(Object proxy, Method method, Object[] arguments) throws ReflectiveOperationException {
        switch (method.getName()) {
            case "equals":
                return proxy == arguments[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "answering connection";
            case "createStanzaCollectorAndSend":
                if (arguments.length == 1 && arguments[0] instanceof IQ request) {
                    sent.add(request);
                    return answered(IQ.createResultIQ(request));
                }
                throw new UnsupportedOperationException("only IQs are answered");
            case "getReplyTimeout":
                return REPLY_TIMEOUT_MILLIS; // the answer is there already; a zero timeout would not even look
            default:
                return nothing(method.getReturnType());
        }
    }

    private static Object nothing(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type.isPrimitive() && type != void.class) {
            throw new UnsupportedOperationException("no default for " + type);
        }
        return null;
    }

    private StanzaCollector answered(Stanza reply) throws ReflectiveOperationException {
        Constructor<StanzaCollector> constructor = StanzaCollector.class.getDeclaredConstructor(XMPPConnection.class,
                StanzaCollector.Configuration.class);
        constructor.setAccessible(true);
        StanzaCollector collector = constructor.newInstance(connection, StanzaCollector.newConfiguration());
        Method deliver = StanzaCollector.class.getDeclaredMethod("processStanza", Stanza.class);
        deliver.setAccessible(true);
        deliver.invoke(collector, reply);
        return collector;
    }
}
