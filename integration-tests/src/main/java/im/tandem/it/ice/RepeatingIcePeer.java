package im.tandem.it.ice;

import im.tandem.ice.channel.ChannelIdentity;
import im.tandem.ice.session.IceConfig;
import im.tandem.ice.session.IcePath;
import im.tandem.ice.session.IceSession;
import im.tandem.it.lab.PeerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One end of ICE sessions set up one after another in one JVM, run inside a lab namespace and driven through
 * standard input: on {@link #START} it gathers, prints its description, reads the peer's, connects and prints
 * {@code SELECTED pathType}; on {@link #CLOSE} it closes the session and prints {@link #CLOSED}. Errors are printed
 * as {@code ERROR message}.
 *
 * <p>Arguments: {@code controlling|controlled quiet|busy [stun host:port] [turn host:port user pass]}. A busy peer
 * keeps sending datagrams over the selected path until its session is closed, so that the close races with traffic
 * on the path.
 */
public final class RepeatingIcePeer {

    public static final String START = "START";
    public static final String SELECTED = "SELECTED";
    public static final String CLOSE = "CLOSE";
    public static final String CLOSED = "CLOSED";
    /** A small datagram, like a chat message; the busy peer sends them back to back. */
    private static final int BUSY_DATAGRAM_BYTES = 200;

    private RepeatingIcePeer() {
    }

    public static void main(String[] args) {
        PeerMain.run(out -> run(args, out));
    }

    private static void run(String[] args, PrintStream out) throws Exception {
        IceSession.Role role = "controlling".equals(args[0]) ? IceSession.Role.CONTROLLING
                : IceSession.Role.CONTROLLED;
        boolean busy = "busy".equals(args[1]);
        IceConfig config = ServerArguments.iceConfig(Arrays.asList(args).subList(2, args.length));
        // The signalling carries a fingerprint as a real session's would; no channel is opened here.
        ChannelIdentity identity = ChannelIdentity.generate();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = in.readLine(); command != null; command = in.readLine()) {
            expect(START, command);
            Sender sender = null;
            try (IceSession session = IceSession.create(config)) {
                Signalling.describe(session, identity.fingerprint(), out);
                Signalling.accept(session, in);
                IcePath path = session.connect(role).get();
                if (busy) {
                    sender = new Sender(path);
                    sender.start();
                }
                out.println(SELECTED + " " + path.type());
                expect(CLOSE, in.readLine());
            } finally {
                if (sender != null) {
                    sender.running = false;
                }
            }
            out.println(CLOSED);
        }
    }

    private static void expect(String expected, String command) throws IOException {
        if (!expected.equals(command)) {
            throw new IOException("expected " + expected + ", got " + command);
        }
    }

    /** Sends datagrams over the path back to back until told to stop or the path refuses them. */
    private static final class Sender extends Thread {
        private final IcePath path;
        private volatile boolean running = true;

        Sender(IcePath path) {
            super("busy-sender");
            setDaemon(true);
            this.path = path;
        }

        @Override
        public void run() {
            byte[] datagram = new byte[BUSY_DATAGRAM_BYTES];
            try {
                while (running) {
                    path.transport().send(ByteBuffer.wrap(datagram));
                }
            } catch (IOException e) {
                // The session closed under us: that is what the busy peer waits for.
            }
        }
    }
}
