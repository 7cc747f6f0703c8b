package im.tandem.it.lab;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated internet made of real Linux network namespaces: public hosts (a two-address STUN server, a TURN
 * server, any others a test asks for) and clients, each behind its own netfilter router emulating one
 * {@link NatKind}. Needs root. Everything is removed at {@link #close()}, or at JVM exit if the lab is never
 * closed; namespaces left by a killed JVM are swept by the next lab built.
 *
 * <pre>{@code
 * try (NatLab lab = NatLab.builder().stunServer().turnServer()
 *         .client("a", NatKind.SYMMETRIC).client("b", NatKind.FULL_CONE).build()) {
 *     ExecResult result = lab.exec(lab.clientNamespace("a"), "stun", "198.18.0.2");
 * }
 * }</pre>
 */
public final class NatLab implements AutoCloseable {

    /** Name of the public host running the two-address STUN server. */
    public static final String STUN_HOST = "stun";
    /** Name of the public host running the TURN server. */
    public static final String TURN_HOST = "turn";
    /** Realm of the lab's TURN server; any value works, one fixed value keeps logs comparable between runs. */
    public static final String TURN_REALM = "natlab.tandem.im";
    /**
     * Shared secret of the lab's TURN server. Fixed and public: the lab is unreachable from anywhere else, and
     * tests need to derive credentials from it.
     */
    public static final String TURN_SHARED_SECRET = "natlab-shared-secret";

    /**
     * Default limit for {@link #exec}: the slowest tool the lab tests run (natdiscovery waiting out unanswered
     * tests) takes about 6 s; a Java peer needs longer.
     */
    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(60);
    /** How long a lab server may take to open its sockets: milliseconds normally, seconds on a loaded machine. */
    private static final Duration SERVER_START_TIMEOUT = Duration.ofSeconds(20);
    /** Poll interval while waiting for a socket to appear. */
    private static final Duration LISTENER_POLL = Duration.ofMillis(50);

    private final LabNames names;
    private final Path workDirectory;
    private final List<String> namespaces = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, LabHost> hosts = new LinkedHashMap<>();
    private final Map<String, LabClient> clients = new LinkedHashMap<>();
    private final List<SpawnedProcess> spawned = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::closeAtExit, "nat-lab-cleanup");
    private CoturnServer turnServer;
    private boolean closed;

    private NatLab(LabNames names, Path workDirectory) {
        this.names = names;
        this.workDirectory = workDirectory;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The prefix shared by all this lab's namespace names. */
    public String prefix() {
        return names.prefix();
    }

    /** Every namespace of this lab. */
    public List<String> namespaces() {
        synchronized (namespaces) {
            return List.copyOf(namespaces);
        }
    }

    /** The namespace that routes between all public hosts and routers. */
    public String coreNamespace() {
        return names.core();
    }

    public LabClient client(String name) {
        LabClient client = clients.get(name);
        if (client == null) {
            throw new IllegalArgumentException("The NAT lab has no client '" + name + "'; it has " + clients.keySet());
        }
        return client;
    }

    public String clientNamespace(String name) {
        return client(name).namespace();
    }

    public LabHost host(String name) {
        LabHost host = hosts.get(name);
        if (host == null) {
            throw new IllegalArgumentException("The NAT lab has no public host '" + name + "'; it has "
                    + hosts.keySet() + (STUN_HOST.equals(name) || TURN_HOST.equals(name)
                    ? " (build it with stunServer() or turnServer())" : ""));
        }
        return host;
    }

    public String stunNamespace() {
        return host(STUN_HOST).namespace();
    }

    /**
     * The STUN host's two addresses, primary first. Debian's stund answers on both, on
     * {@link LabServers#STUN_PORT} and {@link LabServers#STUN_ALTERNATE_PORT}.
     */
    public List<InetAddress> stunAddresses() {
        return host(STUN_HOST).addresses();
    }

    public CoturnServer turnServer() {
        if (turnServer == null) {
            throw new IllegalStateException("The NAT lab has no TURN server: build it with turnServer()");
        }
        return turnServer;
    }

    /** A directory private to this lab, deleted at close: for server state files and logs. */
    public Path workDirectory() {
        return workDirectory;
    }

    /** {@code ip netns exec <namespace> <command...>}, for callers that start processes themselves. */
    public List<String> inNamespace(String namespace, String... command) {
        return Namespaces.command(requireOwn(namespace), Arrays.asList(command));
    }

    /**
     * A command running a Java main class inside a namespace, on this JVM's Java and class path: the way to run
     * Java peers (NAT discovery, ICE agents) behind a lab NAT.
     */
    public List<String> javaCommand(String namespace, String mainClass, String... arguments) {
        return javaCommand(namespace, List.of(), mainClass, List.of(arguments));
    }

    /** As {@link #javaCommand(String, String, String...)}, with JVM options (system properties, heap size). */
    public List<String> javaCommand(String namespace, List<String> jvmOptions, String mainClass,
                                    List<String> arguments) {
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.addAll(jvmOptions);
        java.add("-cp");
        java.add(System.getProperty("java.class.path"));
        java.add(mainClass);
        java.addAll(arguments);
        return inNamespace(namespace, java.toArray(String[]::new));
    }

    /** Runs a command inside a namespace to completion, killing it after {@code EXEC_TIMEOUT} (60 s). */
    public ExecResult exec(String namespace, String... command) {
        return exec(EXEC_TIMEOUT, inNamespace(namespace, command));
    }

    /** Runs a full command line (such as one from {@link #javaCommand}) to completion. */
    public ExecResult exec(Duration timeout, List<String> command) {
        return CommandRunner.run(command, timeout);
    }

    /** Starts a long-running command inside a namespace; it is stopped at close at the latest. */
    public SpawnedProcess spawn(String namespace, String... command) {
        return spawn(inNamespace(namespace, command));
    }

    /** Starts a full command line (such as one from {@link #javaCommand}); it is stopped at close at the latest. */
    public synchronized SpawnedProcess spawn(List<String> command) {
        if (closed) {
            throw new IllegalStateException("The NAT lab " + prefix() + " is closed");
        }
        Path output = workDirectory.resolve("process-" + (spawned.size() + 1) + ".log");
        SpawnedProcess process = CommandRunner.spawn(command, output);
        spawned.add(process);
        return process;
    }

    /**
     * Waits until something in the namespace listens on a UDP address.
     *
     * @throws IllegalStateException when nothing does within {@code SERVER_START_TIMEOUT} (20 s)
     */
    public void awaitUdpListener(String namespace, InetSocketAddress address) {
        String wanted = address.getAddress().getHostAddress() + ":" + address.getPort();
        long deadline = System.nanoTime() + SERVER_START_TIMEOUT.toNanos();
        while (true) {
            String sockets = Namespaces.inNamespace(requireOwn(namespace), LabTool.SS.path(), "-H", "-u", "-l", "-n")
                    .output();
            if (sockets.lines().anyMatch(line -> Arrays.asList(line.split("\\s+")).contains(wanted))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Nothing listens on UDP " + wanted + " in " + namespace + " after "
                        + SERVER_START_TIMEOUT + "; sockets:\n" + sockets);
            }
            sleep(LISTENER_POLL);
        }
    }

    /** Makes the client's router silently drop everything it forwards, both ways, as if the uplink died. */
    public void cutLink(String client) {
        routerScript(client, LinkCut.ALL.script(), "cut");
    }

    /** Makes the client's router silently drop the UDP it forwards, both ways; TCP (XMPP) still flows. */
    public void cutUdp(String client) {
        routerScript(client, LinkCut.UDP.script(), "cut-udp");
    }

    /** {@link #loseRandomly} takes the probability in parts of this. */
    public static final int LOSS_PARTS = RandomLoss.PARTS;

    /**
     * Makes the client's router drop {@code parts} in {@link #LOSS_PARTS} of the packets it forwards, each way, at
     * random; 0 ends the loss. Each packet of the wire is drawn on its own: while the loss lasts, the two interfaces
     * that send into the router (the client's uplink and the core's side of the router's link) cut the large packets
     * of TCP's and UDP's segmentation offloads into wire-sized ones before they send them, as a physical link would
     * carry them; otherwise one draw would keep or drop up to 64 KiB of segments together.
     */
    public void loseRandomly(String client, int parts) {
        String segments = Integer.toString(parts > 0 ? 1 : LabTopology.DEFAULT_GSO_MAX_SEGS);
        Namespaces.ip("-n", client(client).namespace(), "link", "set", "dev", LabTopology.UPLINK,
                "gso_max_segs", segments);
        Namespaces.ip("-n", names.core(), "link", "set", "dev", LabTopology.coreSideOfRouterLink(client),
                "gso_max_segs", segments);
        routerScript(client, RandomLoss.script(parts), "loss");
    }

    /** Undoes {@link #cutLink} or {@link #cutUdp}; flows whose NAT state has not expired resume. */
    public void restoreLink(String client) {
        routerScript(client, LinkCut.removal(), "restore");
    }

    private void routerScript(String client, String script, String action) {
        Nftables.apply(client(client).routerNamespace(), script,
                workDirectory.resolve(action + "-" + client + ".nft"));
    }

    /** Stops every spawned process and deletes every namespace and the work directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is what is running this close.
        }
        List<RuntimeException> failures = new ArrayList<>();
        for (SpawnedProcess process : spawned) {
            attempt(failures, process::stop);
        }
        List<String> toDelete = new ArrayList<>(namespaces());
        Collections.reverse(toDelete);
        for (String namespace : toDelete) {
            attempt(failures, () -> Namespaces.delete(namespace));
        }
        attempt(failures, () -> LabDirectory.delete(workDirectory));
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("The NAT lab " + prefix()
                    + " was not cleaned up completely");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private void closeAtExit() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("NAT lab cleanup at exit failed: " + e);
        }
    }

    private String requireOwn(String namespace) {
        if (!namespaces().contains(namespace)) {
            throw new IllegalArgumentException("'" + namespace + "' is not a namespace of the NAT lab " + prefix());
        }
        return namespace;
    }

    private static void attempt(List<RuntimeException> failures, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a lab server", e);
        }
    }

    /** Collects what the lab should hold; names are checked as they are given, the machine at {@link #build()}. */
    public static final class Builder {
        private boolean stunServer;
        private boolean turnServer;
        private final List<String> hostNames = new ArrayList<>();
        private final Map<String, NatKind> clientKinds = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds the host "stun" with two addresses, running Debian's stund on both (ports 3478 and 3479). */
        public Builder stunServer() {
            stunServer = true;
            return this;
        }

        /** Adds the host "turn" running coturn as a TURN server; see {@link NatLab#turnServer()}. */
        public Builder turnServer() {
            turnServer = true;
            return this;
        }

        /** Adds a public host with one address, for servers a test runs itself (Openfire, a peer). */
        public Builder host(String name) {
            LabNames.requireMemberName("host", name);
            if (STUN_HOST.equals(name) || TURN_HOST.equals(name)) {
                throw new IllegalArgumentException("NAT lab host name '" + name
                        + "' is reserved: use stunServer() or turnServer()");
            }
            if (hostNames.contains(name)) {
                throw new IllegalArgumentException("NAT lab host '" + name + "' is added twice");
            }
            hostNames.add(name);
            return this;
        }

        /** Adds a client behind its own router of the given kind. */
        public Builder client(String name, NatKind kind) {
            LabNames.requireMemberName("client", name);
            if (kind == null) {
                throw new IllegalArgumentException("NAT lab client '" + name + "' needs a NatKind");
            }
            if (clientKinds.putIfAbsent(name, kind) != null) {
                throw new IllegalArgumentException("NAT lab client '" + name + "' is added twice");
            }
            return this;
        }

        /** Adds a client behind each kind of NAT the lab emulates, named by {@link NatKind#clientName()}. */
        public Builder clientOfEveryKind() {
            for (NatKind kind : NatKind.values()) {
                client(kind.clientName(), kind);
            }
            return this;
        }

        /**
         * Creates the namespaces, links, NAT rules and servers, after sweeping namespaces of dead labs.
         *
         * @throws IllegalStateException when not root or a needed program is missing (naming its package)
         */
        public NatLab build() {
            LabPrerequisites.require(stunServer, turnServer);
            StaleLabSweeper.sweep();

            LabNames names = LabNames.random();
            NatLab lab = new NatLab(names, LabDirectory.create(names.prefix()));
            Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
            try {
                populate(lab);
            } catch (RuntimeException e) {
                try {
                    lab.close();
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            return lab;
        }

        private void populate(NatLab lab) {
            LabTopology topology = new LabTopology(lab.names, LabOwner.current(), lab.workDirectory, lab.namespaces);
            topology.addCore();
            List<String> allHosts = new ArrayList<>();
            if (stunServer) {
                allHosts.add(STUN_HOST);
            }
            if (turnServer) {
                allHosts.add(TURN_HOST);
            }
            allHosts.addAll(hostNames);
            for (String name : allHosts) {
                int addressCount = STUN_HOST.equals(name) ? 2 : 1;
                lab.hosts.put(name, topology.addHost(name, lab.hosts.size(), addressCount));
            }
            for (Map.Entry<String, NatKind> client : clientKinds.entrySet()) {
                lab.clients.put(client.getKey(),
                        topology.addClient(client.getKey(), lab.clients.size(), client.getValue()));
            }
            if (stunServer) {
                startStund(lab);
            }
            if (turnServer) {
                startTurn(lab);
            }
        }

        private static void startStund(NatLab lab) {
            LabHost host = lab.host(STUN_HOST);
            lab.spawn(host.namespace(), LabServers.stund(host.addresses().get(0), host.addresses().get(1))
                    .toArray(String[]::new));
            for (InetAddress address : host.addresses()) {
                for (int port : List.of(LabServers.STUN_PORT, LabServers.STUN_ALTERNATE_PORT)) {
                    lab.awaitUdpListener(host.namespace(), new InetSocketAddress(address, port));
                }
            }
        }

        private static void startTurn(NatLab lab) {
            LabHost host = lab.host(TURN_HOST);
            CoturnServer server = new CoturnServer(new InetSocketAddress(host.address(), LabServers.STUN_PORT),
                    TURN_SHARED_SECRET, TURN_REALM);
            lab.spawn(host.namespace(), LabServers.coturnRelay(server, lab.workDirectory).toArray(String[]::new));
            lab.awaitUdpListener(host.namespace(), server.address());
            lab.turnServer = server;
        }
    }
}
