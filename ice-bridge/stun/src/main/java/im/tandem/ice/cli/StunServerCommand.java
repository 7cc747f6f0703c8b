package im.tandem.ice.cli;

import im.tandem.ice.net.HostPort;
import im.tandem.ice.net.SocketAddresses;
import im.tandem.ice.stun.StunDefaults;
import im.tandem.ice.stun.StunServer;
import im.tandem.ice.stun.StunServerConfig;
import im.tandem.ice.stun.StunServerStatistics;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the STUN server until the process is stopped (SIGINT or SIGTERM close the sockets cleanly and print the
 * counters). Prints one line starting with {@code ready} once every socket is bound.
 */
@Command(name = "tandem stun-server", sortOptions = false, sortSynopsis = false,
        description = "A standalone STUN server, until SIGINT or SIGTERM.")
public final class StunServerCommand implements Callable<Integer> {
    static final int EXIT_FAILURE = TandemCommandLine.EXIT_FAILURE;
    static final int EXIT_USAGE = TandemCommandLine.EXIT_USAGE;

    private static final String PRIMARY = "--primary";
    private static final String ALTERNATE = "--alternate";

    @Option(names = PRIMARY, required = true, paramLabel = "IP[:PORT]",
            description = "address to listen on; PORT defaults to " + StunDefaults.PORT)
    private String primary;

    @Option(names = ALTERNATE, paramLabel = "IP[:PORT]", description = {
            "second address, needed to answer CHANGE-REQUEST (RFC 3489 / RFC 5780 NAT discovery); its PORT is the"
                    + " alternate port, opened on both addresses, and defaults to the primary port + 1.",
            "With --alternate four sockets are opened, without it one."})
    private String alternate;

    @Mixin
    private HelpOption help;

    @Spec
    private CommandSpec spec;

    private StunServerCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The whole command, returning the exit code; runs until the process is stopped once the server is up. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return TandemCommandLine.execute(new StunServerCommand(), args, out, err);
    }

    /** The configuration these arguments ask for, without running anything. */
    static StunServerConfig parse(String[] args) {
        StunServerCommand command = new StunServerCommand();
        TandemCommandLine.of(command).parseArgs(args);
        return command.config();
    }

    @Override
    public Integer call() throws InterruptedException {
        StunServerConfig config = config();
        StunServer server = new StunServer(config);
        try {
            server.start();
        } catch (IOException e) {
            TandemCommandLine.reportFailure(spec, e.getMessage());
            return EXIT_FAILURE;
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            out.println("stopped " + format(server.statistics()));
            stopped.countDown();
        }, "stun-server-shutdown"));
        printReady(config, out);
        // Until SIGINT or SIGTERM: the JVM halts once the shutdown hook has printed the counters.
        stopped.await();
        return TandemCommandLine.EXIT_OK;
    }

    /** The server configuration; an address the server cannot use is a usage error naming the option or setting. */
    private StunServerConfig config() {
        try {
            HostPort primaryAddress = HostPort.parse(PRIMARY, primary);
            StunServerConfig.Builder builder = StunServerConfig.builder()
                    .primaryAddress(primaryAddress.literalAddress(PRIMARY))
                    .primaryPort(primaryAddress.port().orElse(StunDefaults.PORT));
            if (alternate != null) {
                HostPort alternateAddress = HostPort.parse(ALTERNATE, alternate);
                builder.alternateAddress(alternateAddress.literalAddress(ALTERNATE));
                alternateAddress.port().ifPresent(builder::alternatePort);
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw TandemCommandLine.usageError(spec, e.getMessage());
        }
    }

    private static void printReady(StunServerConfig config, PrintWriter out) {
        String sockets = config.roles().stream()
                .map(role -> SocketAddresses.format(config.socketAddress(role)))
                .collect(Collectors.joining(","));
        out.println("ready " + config + " sockets=" + sockets);
    }

    private static String format(StunServerStatistics s) {
        return "requests=" + s.requests() + " answered=" + s.answered() + " malformed=" + s.malformed()
                + " rateLimited=" + s.rateLimited();
    }
}
