package im.tandem.ice.cli;

import im.tandem.ice.net.HostPort;
import im.tandem.ice.stun.SocketAddresses;
import im.tandem.ice.stun.StunDefaults;
import im.tandem.ice.stun.StunServer;
import im.tandem.ice.stun.StunServerConfig;
import im.tandem.ice.stun.StunServerStatistics;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Runs the STUN server until the process is stopped (SIGINT or SIGTERM close the sockets cleanly and print the
 * counters). Prints one line starting with {@code ready} once every socket is bound.
 */
public final class StunServerCommand {
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private static final String PRIMARY = "--primary";
    private static final String ALTERNATE = "--alternate";
    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: StunServerCommand --primary IP[:PORT] [--alternate IP[:PORT]]",
            "  --primary    address to listen on; PORT defaults to " + StunDefaults.PORT,
            "  --alternate  second address, needed to answer CHANGE-REQUEST (RFC 3489 / RFC 5780 NAT discovery);",
            "               its PORT is the alternate port, opened on both addresses, and defaults to the",
            "               primary port + 1. With --alternate four sockets are opened, without it one.");

    private StunServerCommand() {
    }

    public static void main(String[] args) throws InterruptedException {
        StunServerConfig config;
        try {
            config = parse(args);
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        StunServer server = new StunServer(config);
        try {
            server.start();
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(EXIT_FAILURE);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.out.println("stopped " + format(server.statistics()));
            System.out.flush();
            stopped.countDown();
        }, "stun-server-shutdown"));
        printReady(config, System.out);
        stopped.await();
    }

    static StunServerConfig parse(String[] args) throws UsageException {
        Options options = Options.parse(args, Options.names(PRIMARY, ALTERNATE), Options.names());
        try {
            HostPort primary = HostPort.parse(PRIMARY, options.required(PRIMARY));
            StunServerConfig.Builder builder = StunServerConfig.builder()
                    .primaryAddress(primary.literalAddress(PRIMARY))
                    .primaryPort(primary.port().orElse(StunDefaults.PORT));
            if (options.value(ALTERNATE).isPresent()) {
                HostPort alternate = HostPort.parse(ALTERNATE, options.value(ALTERNATE).get());
                builder.alternateAddress(alternate.literalAddress(ALTERNATE));
                alternate.port().ifPresent(builder::alternatePort);
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static void printReady(StunServerConfig config, PrintStream out) {
        String sockets = config.roles().stream()
                .map(role -> SocketAddresses.format(config.socketAddress(role)))
                .collect(Collectors.joining(","));
        out.println("ready " + config + " sockets=" + sockets);
        out.flush();
    }

    private static String format(StunServerStatistics s) {
        return "requests=" + s.requests() + " answered=" + s.answered() + " malformed=" + s.malformed()
                + " rateLimited=" + s.rateLimited();
    }
}
