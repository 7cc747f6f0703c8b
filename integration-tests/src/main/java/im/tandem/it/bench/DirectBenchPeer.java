package im.tandem.it.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.TandemClient;
import im.tandem.client.chat.IncomingMessage;
import im.tandem.client.chat.Route;
import im.tandem.client.connect.ClientConfig;
import im.tandem.client.direct.DirectConfig;
import im.tandem.client.direct.RouteChange;
import im.tandem.it.direct.PeerArguments;
import im.tandem.it.lab.PeerMain;

/**
 * One side of {@link DirectBenchmark}, run in a lab client's namespace. {@code --mode echo} sends every
 * {@value #PING} message back to its sender until its input ends. {@code --mode measure} logs in afresh for each
 * session, lets a message open a direct session with the echo peer and reports the session's setup time, then
 * times round trips over it; and, without direct sessions, round trips through the server. One line per sample:
 * {@code SETUP nanos PATH}, {@code RTT DIRECT nanos}, {@code RTT SERVER nanos}; then {@code DONE}.
 *
 * <p>With direct sessions, both modes also print {@code SERVER-STANZA nanos KIND} for each stanza they send through
 * the server (every stanza the server carries from one to the other is one of these; Smack hands the IQ requests
 * that arrive to their handlers only, so counting arrivals would miss the Jingle requests), and the measuring side
 * prints {@code WINDOW CONVERSATION start end} (its last session, from the message that opens it to the last round
 * trip) and {@code WINDOW ROUND-TRIPS start end}. The times are {@link System#nanoTime()}, one clock for every
 * process on the machine, so the benchmark can count what the server carried for both clients meanwhile.
 */
public final class DirectBenchPeer {
    static final String MODE = "--mode";
    static final String PEER = "--peer";
    static final String SESSIONS = "--sessions";
    static final String ROUND_TRIPS = "--round-trips";
    /** Only these are echoed: the message that opens a session is not, so the echo peer never offers one itself. */
    static final String PING = "ping";
    /** A session (gathering, ICE, the handshake) or a reply that takes longer than this means something broke. */
    private static final Duration LIMIT = Duration.ofSeconds(60);
    /** How often the measuring side looks whether the echo peer is online yet. */
    private static final Duration PRESENCE_POLL = Duration.ofMillis(50);

    private DirectBenchPeer() {
    }

    public static void main(String[] args) {
        PeerMain.run(out -> {
            PeerArguments arguments = PeerArguments.parse(args, Set.of(MODE, PEER, SESSIONS, ROUND_TRIPS));
            if ("echo".equals(arguments.required(MODE))) {
                echo(arguments, out);
            } else {
                measure(arguments, out);
            }
        });
    }

    private static void echo(PeerArguments arguments, PrintStream out) throws Exception {
        Optional<DirectConfig> direct = arguments.directConfig();
        try (TandemClient client = TandemClient.connect(arguments.clientConfig(), beforeLogin -> {
            direct.ifPresent(enabled -> countServerStanzas(beforeLogin, out));
            beforeLogin.onMessage(message -> {
                if (message.body().startsWith(PING)) {
                    reply(beforeLogin, message);
                }
            });
            direct.ifPresent(beforeLogin::enableDirect);
        })) {
            out.println("READY");
            while (System.in.read() >= 0) {
                // runs until the benchmark closes our input
            }
        }
    }

    /** Prints each stanza the client sends through the server. */
    private static void countServerStanzas(TandemClient client, PrintStream out) {
        client.connection().addStanzaSendingListener(stanza -> out.println("SERVER-STANZA " + System.nanoTime()
                + " " + kind(stanza)), stanza -> true);
    }

    /** A stanza's kind in one word: its element and type, and its payload's element names. */
    private static String kind(Stanza stanza) {
        if (stanza instanceof IQ iq) {
            return "iq-" + iq.getType() + (iq.getChildElementName() == null ? "" : "(" + iq.getChildElementName()
                    + ")");
        }
        List<String> payload = new ArrayList<>();
        stanza.getExtensions().forEach(extension -> payload.add(extension.getElementName()));
        String type = stanza instanceof Presence presence ? "presence-" + presence.getType() : "message";
        return type + (payload.isEmpty() ? "" : "(" + String.join(",", payload) + ")");
    }

    private static void reply(TandemClient client, IncomingMessage message) {
        try {
            client.send(message.from(), message.body());
        } catch (Exception e) {
            throw new IllegalStateException("cannot echo to " + message.from(), e);
        }
    }

    private static void measure(PeerArguments arguments, PrintStream out) throws Exception {
        EntityBareJid peer = JidCreate.entityBareFrom(arguments.required(PEER));
        int sessions = arguments.number(SESSIONS, 0);
        int roundTrips = arguments.number(ROUND_TRIPS, 0);
        ClientConfig account = arguments.clientConfig();
        Optional<DirectConfig> direct = arguments.directConfig();
        if (direct.isEmpty()) {
            try (Session session = Session.open(account, Optional.empty(), peer, out)) {
                session.roundTrips(roundTrips, Route.SERVER, out);
            }
        } else {
            for (int s = 1; s <= sessions; s++) {
                try (Session session = Session.open(account, direct, peer, out)) {
                    long opened = System.nanoTime();
                    RouteChange.DirectPath path = session.goDirect("open " + s);
                    out.println("SETUP " + path.setup().toNanos() + " " + path.type());
                    if (s == sessions) {
                        long tripsStarted = System.nanoTime();
                        session.roundTrips(roundTrips, Route.DIRECT, out);
                        long ended = System.nanoTime();
                        out.println("WINDOW CONVERSATION " + opened + " " + ended);
                        out.println("WINDOW ROUND-TRIPS " + tripsStarted + " " + ended);
                    }
                }
            }
        }
        out.println("DONE");
    }

    /** One login of the measuring side, with what arrives queued. */
    private static final class Session implements AutoCloseable {
        private final TandemClient client;
        private final EntityBareJid peer;
        private final BlockingQueue<IncomingMessage> replies;
        private final BlockingQueue<RouteChange> routes;

        private Session(TandemClient client, EntityBareJid peer, BlockingQueue<IncomingMessage> replies,
                        BlockingQueue<RouteChange> routes) {
            this.client = client;
            this.peer = peer;
            this.replies = replies;
            this.routes = routes;
        }

        static Session open(ClientConfig account, Optional<DirectConfig> direct, EntityBareJid peer,
                            PrintStream out) throws Exception {
            BlockingQueue<IncomingMessage> replies = new LinkedBlockingQueue<>();
            BlockingQueue<RouteChange> routes = new LinkedBlockingQueue<>();
            TandemClient client = TandemClient.connect(account, beforeLogin -> {
                beforeLogin.onMessage(replies::add);
                beforeLogin.onRouteChange(routes::add);
                direct.ifPresent(enabled -> countServerStanzas(beforeLogin, out));
                direct.ifPresent(beforeLogin::enableDirect);
            });
            Session session = new Session(client, peer, replies, routes);
            session.awaitPeerOnline();
            return session;
        }

        private void awaitPeerOnline() throws InterruptedException {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (!client.contact(peer).available()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(peer + " is not online");
                }
                Thread.sleep(PRESENCE_POLL.toMillis());
            }
        }

        /** Sends a message through the server, which starts an attempt, and waits for the conversation to go direct. */
        RouteChange.DirectPath goDirect(String opener) throws Exception {
            client.send(peer, opener);
            RouteChange change = routes.poll(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            if (change == null || change.route() != Route.DIRECT) {
                throw new IllegalStateException("no direct session with " + peer + ": " + change);
            }
            return change.path().orElseThrow();
        }

        void roundTrips(int count, Route expected, PrintStream out) throws Exception {
            for (int i = 0; i < count; i++) {
                String body = PING + " " + i;
                long start = System.nanoTime();
                Route route = client.send(peer, body);
                IncomingMessage reply = replies.poll(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                long elapsed = System.nanoTime() - start;
                if (reply == null || !body.equals(reply.body()) || route != expected || reply.route() != expected) {
                    throw new IllegalStateException("round trip " + i + " went " + route + " and got " + reply);
                }
                out.println("RTT " + expected + " " + elapsed);
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
