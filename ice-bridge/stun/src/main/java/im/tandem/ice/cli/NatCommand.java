package im.tandem.ice.cli;

import im.tandem.ice.net.HostPort;
import im.tandem.ice.nat.NatDiscovery;
import im.tandem.ice.nat.NatDiscoveryResult;
import im.tandem.ice.net.SocketAddresses;
import im.tandem.ice.stun.StunDefaults;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs NAT-type discovery against one STUN server and prints the result. */
@Command(name = "tandem nat", sortOptions = false, sortSynopsis = false,
        description = "This network's NAT type, from a STUN server.")
public final class NatCommand implements Callable<Integer> {
    static final int EXIT_OK = TandemCommandLine.EXIT_OK;
    static final int EXIT_FAILURE = TandemCommandLine.EXIT_FAILURE;
    static final int EXIT_USAGE = TandemCommandLine.EXIT_USAGE;

    private static final String STUN = "--stun";
    private static final String BIND = "--bind";

    @Option(names = STUN, required = true, paramLabel = "HOST[:PORT]",
            description = "the STUN server; PORT defaults to " + StunDefaults.PORT)
    private String stun;

    @Option(names = BIND, paramLabel = "IP",
            description = "local address to test from; default: the one the route to the server uses")
    private String bind;

    @Option(names = "--json", description = "print one JSON object instead of text")
    private boolean json;

    @Mixin
    private HelpOption help;

    @Spec
    private CommandSpec spec;

    private NatCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The whole command, returning the exit code, so tests can run it in-process. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return TandemCommandLine.execute(new NatCommand(), args, out, err);
    }

    @Override
    public Integer call() {
        NatDiscovery discovery = discovery();
        try {
            NatDiscoveryResult result = discovery.discover();
            spec.commandLine().getOut().println(json ? result.toJson() : human(result));
            return EXIT_OK;
        } catch (IOException e) {
            TandemCommandLine.reportFailure(spec, e.getMessage());
            return EXIT_FAILURE;
        }
    }

    /** The discovery the options ask for; a bad address or a bind address of the other IP family is a usage error. */
    private NatDiscovery discovery() {
        try {
            InetSocketAddress server = HostPort.parse(STUN, stun).socketAddress(STUN, StunDefaults.PORT);
            return bind == null ? new NatDiscovery(server)
                    : new NatDiscovery(server, HostPort.parse(BIND, bind).literalAddress(BIND));
        } catch (IllegalArgumentException e) {
            throw TandemCommandLine.usageError(spec, e.getMessage());
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
