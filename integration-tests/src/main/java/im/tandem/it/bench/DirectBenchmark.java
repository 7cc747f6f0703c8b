package im.tandem.it.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import im.tandem.ice.cli.HelpOption;
import im.tandem.ice.cli.TandemCommandLine;
import im.tandem.it.direct.DirectLab;
import im.tandem.it.direct.PeerArguments;
import im.tandem.it.lab.NatKind;
import im.tandem.it.lab.PeerMain;
import im.tandem.it.lab.PeerProcess;
import im.tandem.it.openfire.OpenfireDistribution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * What a direct session costs and brings, on the NAT lab's paths with a real Openfire (plugin, STUN and TURN offered
 * through XEP-0215): the time from session-initiate to the encrypted channel being open, and the chat round trip
 * over the direct session against the round trip through the server between the same two namespaces, measured in
 * the same run.
 *
 * <p>Run with {@code ./tandem bench direct} (root: the lab needs network namespaces).
 */
@Command(name = "tandem bench direct", description = "direct session setup and chat round trip, direct against the server (root)")
public final class DirectBenchmark implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    /** Sessions per path, each from a fresh login, after the warm-up ones. */
    static final int SESSIONS = 20;
    /** Discarded first sessions: the JVMs load and compile ICE, TLS and XML code on them. */
    static final int WARM_UP_SESSIONS = 3;
    /** Enough for a p95 that moves little between runs: 50 samples lie above it. */
    static final int ROUND_TRIPS = 1000;
    /**
     * Discarded first round trips on each route: enough for the JIT to have compiled either route's code, since the
     * server route is measured by a fresh process while the direct one has made 22 sessions before its round trips.
     */
    static final int WARM_UP_TRIPS = 500;
    /** A whole path's measurement: 23 sessions and 3,000 round trips take well under a minute. */
    private static final Duration PATH_LIMIT = Duration.ofMinutes(5);
    private static final Duration READY_LIMIT = Duration.ofSeconds(60);

    /** The paths measured: each pair of lab clients and the path ICE finds between them. */
    private enum LabPath {
        HOST("open", NatKind.NONE),
        SRFLX("cone", NatKind.PORT_RESTRICTED_CONE),
        RELAY("sym", NatKind.SYMMETRIC);

        private final String clientPrefix;
        private final NatKind kind;

        LabPath(String clientPrefix, NatKind kind) {
            this.clientPrefix = clientPrefix;
            this.kind = kind;
        }

        String measuring() {
            return clientPrefix + "1";
        }

        String echoing() {
            return clientPrefix + "2";
        }
    }

    /**
     * One path's results: the samples, and the stanzas the two clients sent through the server during the measured
     * direct conversation (from the message that opened it to its last round trip) and during its round trips.
     */
    private record Row(LabPath path, Samples setup, Samples direct, Samples server, ServerStanzas conversation,
                       ServerStanzas roundTrips) {
    }

    DirectBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(TandemCommandLine.execute(new DirectBenchmark(), args));
    }

    @Override
    public Integer call() throws Exception {
        Map<String, NatKind> clients = new LinkedHashMap<>();
        for (LabPath path : LabPath.values()) {
            clients.put(path.measuring(), path.kind);
            clients.put(path.echoing(), path.kind);
        }
        List<Row> rows = new ArrayList<>();
        try (DirectLab lab = DirectLab.start(clients)) {
            lab.offerTurn();
            for (LabPath path : LabPath.values()) {
                System.err.printf("measuring the %s path...%n", path);
                rows.add(measure(lab, path));
            }
        }
        print(rows);

        return TandemCommandLine.EXIT_OK;
    }

    private static Row measure(DirectLab lab, LabPath path) throws Exception {
        String user = "bench" + path.ordinal();
        String echo = "echo" + path.ordinal();
        String plain = "plain" + path.ordinal();
        lab.contacts(user, echo);
        lab.contacts(user, plain);
        Samples setup = new Samples();
        Samples direct = new Samples();
        Samples server = new Samples();
        ServerStanzas conversation;
        ServerStanzas roundTrips;
        try (PeerProcess directEcho = benchPeer(lab, path.echoing(), echo, true, "echo");
             PeerProcess plainEcho = benchPeer(lab, path.echoing(), plain, false, "echo")) {
            directEcho.await("READY", READY_LIMIT);
            plainEcho.await("READY", READY_LIMIT);
            try (PeerProcess measuring = benchPeer(lab, path.measuring(), user, true, "measure",
                    DirectBenchPeer.PEER, lab.jid(echo), DirectBenchPeer.SESSIONS,
                    Integer.toString(WARM_UP_SESSIONS + SESSIONS),
                    DirectBenchPeer.ROUND_TRIPS, Integer.toString(WARM_UP_TRIPS + ROUND_TRIPS))) {
                finish(measuring);
                List<String> setups = measuring.linesStartingWith("SETUP ");
                for (String line : setups.subList(WARM_UP_SESSIONS, setups.size())) {
                    String[] fields = line.split(" ");
                    if (!fields[2].equals(path.name())) {
                        throw new IllegalStateException("the " + path + " pair went " + fields[2]);
                    }
                    setup.add(Long.parseLong(fields[1]));
                }
                roundTrips(measuring, direct);
                conversation = serverStanzas(measuring, "CONVERSATION", directEcho);
                roundTrips = serverStanzas(measuring, "ROUND-TRIPS", directEcho);
            }
            try (PeerProcess measuring = benchPeer(lab, path.measuring(), user, false, "measure",
                    DirectBenchPeer.PEER, lab.jid(plain),
                    DirectBenchPeer.ROUND_TRIPS, Integer.toString(WARM_UP_TRIPS + ROUND_TRIPS))) {
                finish(measuring);
                roundTrips(measuring, server);
            }
        }
        return new Row(path, setup, direct, server, conversation, roundTrips);
    }

    /** What the server carried to the measuring peer and the echo peer within one of the measuring peer's windows. */
    private static ServerStanzas serverStanzas(PeerProcess measuring, String window, PeerProcess echo) {
        String[] fields = measuring.linesStartingWith("WINDOW " + window + " ").get(0).split(" ");
        return ServerStanzas.within(Long.parseLong(fields[2]), Long.parseLong(fields[3]),
                measuring.linesStartingWith(ServerStanzas.LINE), echo.linesStartingWith(ServerStanzas.LINE));
    }

    private static PeerProcess benchPeer(DirectLab lab, String client, String user, boolean direct, String mode,
                                     String... options) {
        List<String> arguments = lab.account(user);
        if (direct) {
            arguments.addAll(List.of(PeerArguments.DIRECT, DirectLab.CLIENT_INTERFACE));
        }
        arguments.addAll(List.of(DirectBenchPeer.MODE, mode));
        arguments.addAll(List.of(options));
        return lab.peer(client, user + "-" + mode, DirectBenchPeer.class.getName(), arguments);
    }

    private static void finish(PeerProcess peer) throws InterruptedException {
        String last = peer.await(line -> line.equals("DONE") || line.startsWith(PeerMain.ERROR), "DONE", PATH_LIMIT);
        if (!last.equals("DONE")) {
            throw new IllegalStateException(peer.name() + ": " + last);
        }
    }

    private static void roundTrips(PeerProcess peer, Samples samples) {
        List<String> trips = peer.linesStartingWith("RTT ");
        for (String line : trips.subList(WARM_UP_TRIPS, trips.size())) {
            samples.add(Long.parseLong(line.split(" ")[2]));
        }
    }

    private static void print(List<Row> rows) {
        System.out.printf("%nDirect sessions in the NAT lab, %s with the plugin on a lab host: %d sessions"
                + " per path (after %d warm-up), %d round trips per route (after %d warm-up)%n",
                OpenfireDistribution.underTest(), SESSIONS,
                WARM_UP_SESSIONS, ROUND_TRIPS, WARM_UP_TRIPS);
        System.out.println("| path | session-initiate → channel open, median (ms) | p95 (ms) "
                + "| round trip direct, median (ms) | p95 (ms) | round trip via server, median (ms) | p95 (ms) "
                + "| direct / server (median) | direct / server (p95) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            System.out.printf("| %s | %.1f | %.1f | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f |%n", name(row),
                    row.setup().medianMillis(), row.setup().quantileMillis(0.95),
                    row.direct().medianMillis(), row.direct().quantileMillis(0.95),
                    row.server().medianMillis(), row.server().quantileMillis(0.95),
                    row.direct().medianMillis() / row.server().medianMillis(),
                    row.direct().quantileMillis(0.95) / row.server().quantileMillis(0.95));
        }
        System.out.printf("%nStanzas the two clients sent through the server during the measured direct conversation"
                + " (from the message through the server that opens it to its last round trip; %d round trips)%n",
                WARM_UP_TRIPS + ROUND_TRIPS);
        System.out.println("| path | in the conversation | during its round trips | what they were |");
        System.out.println("|---|---|---|---|");
        for (Row row : rows) {
            System.out.printf("| %s | %d | %d | %s |%n", name(row), row.conversation().total(),
                    row.roundTrips().total(), row.conversation().describe());
        }
    }

    private static String name(Row row) {
        return row.path().name().toLowerCase(Locale.ROOT);
    }
}
