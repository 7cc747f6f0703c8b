package im.tandem.it.ice;

import im.tandem.ice.session.PathType;
import im.tandem.it.lab.NatLab;
import im.tandem.it.lab.PeerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Two {@link RepeatingIcePeer}s in two lab clients' namespaces, driven one session at a time, with their
 * descriptions relayed through this process as the XMPP server would carry them.
 */
public final class RepeatingIcePair implements AutoCloseable {

    private final PeerProcess controlling;
    private final PeerProcess controlled;

    private RepeatingIcePair(PeerProcess controlling, PeerProcess controlled) {
        this.controlling = controlling;
        this.controlled = controlled;
    }

    /**
     * Starts the two peer JVMs.
     *
     * @param busy    whether the peers keep sending over each selected path until it is closed
     * @param servers the STUN and TURN servers, as {@link ServerArguments} reads them
     */
    public static RepeatingIcePair start(NatLab lab, String controllingClient, String controlledClient, boolean busy,
                                         List<String> servers) {
        PeerProcess controlling = peer(lab, controllingClient, "controlling", busy, servers);
        try {
            return new RepeatingIcePair(controlling, peer(lab, controlledClient, "controlled", busy, servers));
        } catch (RuntimeException e) {
            controlling.close();
            throw e;
        }
    }

    /**
     * Runs one session: both peers gather, exchange descriptions and connect; once both have selected a path, both
     * close their sessions.
     *
     * @param limit how long each step may take, selecting and closing included
     * @return nanoseconds from the start until both peers had selected a path
     * @throws IllegalStateException when a peer fails, selects another kind of path, or a step overruns the limit
     */
    public long session(PathType expected, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        controlling.send(RepeatingIcePeer.START);
        controlled.send(RepeatingIcePeer.START);
        Signalling.relay(controlling, controlled, limit);
        Signalling.relay(controlled, controlling, limit);
        List<String> selected = List.of(controlling.await(RepeatingIcePeer.SELECTED, limit),
                controlled.await(RepeatingIcePeer.SELECTED, limit));
        long elapsed = System.nanoTime() - start;
        if (!selected.stream().allMatch((RepeatingIcePeer.SELECTED + " " + expected)::equals)) {
            throw new IllegalStateException("expected both peers to select a " + expected + " path: " + selected);
        }
        controlling.send(RepeatingIcePeer.CLOSE);
        controlled.send(RepeatingIcePeer.CLOSE);
        controlling.await(RepeatingIcePeer.CLOSED, limit);
        controlled.await(RepeatingIcePeer.CLOSED, limit);
        return elapsed;
    }

    @Override
    public void close() {
        controlling.close();
        controlled.close();
    }

    private static PeerProcess peer(NatLab lab, String client, String role, boolean busy, List<String> servers) {
        List<String> args = new ArrayList<>(List.of(role, busy ? "busy" : "quiet"));
        args.addAll(servers);
        return PeerProcess.start(client, lab.javaCommand(lab.clientNamespace(client), List.of(),
                RepeatingIcePeer.class.getName(), args), lab.workDirectory().resolve("ice-peer-" + client + ".log"),
                IcePeer::reportsFailure);
    }
}
