package im.tandem.ice.cli;

import im.tandem.ice.net.HostPort;
import im.tandem.ice.nat.NatDiscovery;
import im.tandem.ice.nat.NatDiscoveryResult;
import im.tandem.ice.stun.SocketAddresses;
import im.tandem.ice.stun.StunDefaults;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;

/** Runs NAT-type discovery against one STUN server and prints the result. */
public final class NatCommand {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private static final String STUN = "--stun";
    private static final String BIND = "--bind";
    private static final String JSON = "--json";
    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: NatCommand --stun HOST[:PORT] [--bind IP] [--json]",
            "  --stun  the STUN server; PORT defaults to " + StunDefaults.PORT,
            "  --bind  local address to test from; default: the one the route to the server uses",
            "  --json  print one JSON object instead of text");

    private NatCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The whole command, returning the exit code, so tests can run it in-process. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        NatDiscovery discovery;
        boolean json;
        try {
            Options options = Options.parse(args, Options.names(STUN, BIND), Options.names(JSON));
            InetSocketAddress server = HostPort.parse(STUN, options.required(STUN))
                    .socketAddress(STUN, StunDefaults.PORT);
            json = options.flag(JSON);
            discovery = options.value(BIND).isPresent()
                    ? new NatDiscovery(server, HostPort.parse(BIND, options.value(BIND).get()).literalAddress(BIND))
                    : new NatDiscovery(server);
        } catch (UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        try {
            NatDiscoveryResult result = discovery.discover();
            out.println(json ? result.toJson() : human(result));
            return EXIT_OK;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return EXIT_FAILURE;
        }
    }

    private static String human(NatDiscoveryResult r) {
        StringBuilder s = new StringBuilder();
        s.append("NAT type:       ").append(r.natType().map(Enum::name).orElse("undetermined")).append('\n');
        s.append("Mapping:        ").append(r.mapping()).append('\n');
        s.append("Filtering:      ").append(r.filtering()).append('\n');
        s.append("Mapped address: ").append(r.mappedAddress().map(SocketAddresses::format).orElse("none")).append('\n');
        s.append("Local address:  ").append(SocketAddresses.format(r.local())).append('\n');
        s.append("STUN server:    ").append(SocketAddresses.format(r.server())).append('\n');
        s.append("Elapsed:        ").append(r.elapsed().toMillis()).append(" ms");
        r.reason().ifPresent(reason -> s.append('\n').append("Reason:         ").append(reason));
        return s.toString();
    }
}
