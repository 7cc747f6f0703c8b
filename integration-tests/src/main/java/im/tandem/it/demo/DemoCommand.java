package im.tandem.it.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import im.tandem.ice.cli.HelpOption;
import im.tandem.ice.cli.TandemCommandLine;
import im.tandem.it.direct.DirectLab;
import im.tandem.it.lab.NatKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code ./tandem demo}: the peer-to-peer path on one machine. Openfire with the plugin (its STUN server, coturn as
 * TURN) on a public host of a NAT lab, alice's and bob's chat programs behind two emulated NATs, a scripted
 * conversation that starts through the server and goes direct, and both programs' events side by side. Nothing
 * leaves the lab's network namespaces.
 */
@Command(name = "tandem demo", sortOptions = false,
        description = "the peer-to-peer path on one machine (root): the server and two chat programs behind"
                + " emulated NATs in network namespaces, a scripted conversation, and the events side by side")
public final class DemoCommand implements Callable<Integer> {
    /** The NAT in front of each chat program when none is chosen: the kind most home routers are. */
    static final NatKind DEFAULT_NAT = NatKind.PORT_RESTRICTED_CONE;
    static final String KINDS = "none, full-cone, restricted-cone, port-restricted-cone, symmetric, udp-blocked";

    @Option(names = "--nat-a", paramLabel = "KIND", converter = NatKindConverter.class,
            description = "the NAT in front of alice: " + KINDS + " (default: port-restricted-cone)")
    private NatKind natA = DEFAULT_NAT;

    @Option(names = "--nat-b", paramLabel = "KIND", converter = NatKindConverter.class,
            description = "the NAT in front of bob, as --nat-a")
    private NatKind natB = DEFAULT_NAT;

    @Option(names = "--interactive", description = "after the script, leave you typing as alice (on this terminal)")
    private boolean interactive;

    @Mixin
    private HelpOption help;

    DemoCommand() {
    }

    public static void main(String[] args) {
        System.exit(TandemCommandLine.execute(new DemoCommand(), args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.printf("Starting the lab: Openfire with the plugin and coturn on public hosts, alice behind %s, bob"
                + " behind %s...%n", name(natA), name(natB));
        Map<String, NatKind> clients = new LinkedHashMap<>();
        clients.put(DemoScript.ALICE_CLIENT, natA);
        clients.put(DemoScript.BOB_CLIENT, natB);
        try (DirectLab lab = DirectLab.start(clients); DemoScript script = new DemoScript(lab, out)) {
            out.println(script.run().summary());
            if (interactive) {
                script.handOver();
            }
        }
        return TandemCommandLine.EXIT_OK;
    }

    static String name(NatKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads the kinds as {@link #KINDS} names them. */
    static final class NatKindConverter implements picocli.CommandLine.ITypeConverter<NatKind> {
        @Override
        public NatKind convert(String value) {
            try {
                return NatKind.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a NAT kind; use one of " + KINDS);
            }
        }
    }
}
