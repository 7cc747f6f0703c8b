package im.tandem.ice.session;

import im.tandem.ice.nat.RetransmissionSchedule;
import im.tandem.ice.net.DatagramEndpoint;
import im.tandem.ice.net.Scheduler;
import im.tandem.ice.stun.AddressAttribute;
import im.tandem.ice.stun.AttributeType;
import im.tandem.ice.stun.MalformedStunException;
import im.tandem.ice.stun.MessageType;
import im.tandem.ice.stun.StunCodec;
import im.tandem.ice.stun.StunMessage;
import im.tandem.ice.stun.TransactionId;
import im.tandem.ice.vnet.VirtualHost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The least of an ICE agent (RFC 8445) that shows which NATs let two peers reach each other directly: one UDP base,
 * a host candidate and a server-reflexive one gathered from a STUN server, a connectivity check (a Binding request)
 * from the base to every remote candidate, an answer to every check received, and a triggered check back to any
 * address a check came from that was not checked yet (a peer-reflexive candidate). Checks are retransmitted on
 * {@link RetransmissionSchedule#FOLLOW_UP}. No priorities, roles, credentials or nomination: the test feeds the
 * valid pairs to the production nominator. Runs on the simulated network's thread.
 */
final class CheckingAgent {
    /** A candidate as the peer learns it through signalling, or as a check revealed it. */
    record Candidate(CandidateType type, InetSocketAddress address) {
    }

    /**
     * A pair whose check was answered: our end as the peer saw it (the mapped address of the answer: our host
     * candidate, our server-reflexive one, or a new peer-reflexive one) and the remote candidate we checked.
     */
    record ValidPair(CandidateType localAsSeen, Candidate remote) {
    }

    private final DatagramEndpoint base;
    private final Scheduler scheduler;
    private final Map<TransactionId, Consumer<InetSocketAddress>> onAnswer = new HashMap<>();
    private final List<Candidate> candidates = new ArrayList<>();
    private final Set<InetSocketAddress> checked = new HashSet<>();
    private Consumer<ValidPair> validated = pair -> { };
    private boolean reachedStunServer;

    CheckingAgent(VirtualHost host, Scheduler scheduler) throws IOException {
        this.scheduler = scheduler;
        this.base = host.bind(new InetSocketAddress(host.address(), 0), "ice", this::received);
        candidates.add(new Candidate(CandidateType.HOST, base.localAddress()));
    }

    /** Asks the STUN server for our server-reflexive address, which becomes a candidate unless it is the host's. */
    void gather(InetSocketAddress stunServer) {
        request(stunServer, RetransmissionSchedule.FIRST_PROBE, mapped -> {
            reachedStunServer = true;
            if (!mapped.equals(base.localAddress())) {
                candidates.add(new Candidate(CandidateType.SRFLX, mapped));
            }
        });
    }

    /** Whether gathering got an answer: UDP reaches the servers, so a relay (TURN over UDP) would too. */
    boolean reachedStunServer() {
        return reachedStunServer;
    }

    List<Candidate> candidates() {
        return List.copyOf(candidates);
    }

    /** Called for each pair as its check is answered. */
    void onValidated(Consumer<ValidPair> listener) {
        this.validated = listener;
    }

    /** Checks every remote candidate from our base. */
    void check(List<Candidate> remoteCandidates) {
        remoteCandidates.forEach(this::check);
    }

    private void check(Candidate remote) {
        if (!checked.add(remote.address())) {
            return;
        }
        request(remote.address(), RetransmissionSchedule.FOLLOW_UP, mapped -> {
            validated.accept(new ValidPair(typeAsSeen(mapped), remote));
        });
    }

    private CandidateType typeAsSeen(InetSocketAddress mapped) {
        return candidates.stream().filter(c -> c.address().equals(mapped)).map(Candidate::type).findFirst()
                .orElse(CandidateType.PRFLX);
    }

    /** A Binding request sent on the schedule until answered or out of budget. */
    private void request(InetSocketAddress destination, RetransmissionSchedule schedule,
                         Consumer<InetSocketAddress> answered) {
        TransactionId id = TransactionId.random();
        byte[] request = StunCodec.encode(new StunMessage(MessageType.BINDING_REQUEST, id, List.of()));
        onAnswer.put(id, answered);
        for (Duration offset : schedule.sendOffsets()) {
            scheduler.schedule(offset, () -> {
                if (onAnswer.containsKey(id)) {
                    send(request, destination);
                }
            });
        }
        scheduler.schedule(schedule.budget(), () -> onAnswer.remove(id));
    }

    private void received(byte[] data, int length, InetSocketAddress source) {
        StunMessage message;
        try {
            message = StunCodec.decode(data, 0, length);
        } catch (MalformedStunException e) {
            return;
        }
        if (message.type().equals(MessageType.BINDING_REQUEST)) {
            answer(message.transactionId(), source);
            check(new Candidate(CandidateType.PRFLX, source));
        } else if (message.type().equals(MessageType.BINDING_SUCCESS)) {
            Consumer<InetSocketAddress> answered = onAnswer.remove(message.transactionId());
            if (answered != null) {
                message.mappedAddress().ifPresent(answered);
            }
        }
    }

    private void answer(TransactionId id, InetSocketAddress source) {
        send(StunCodec.encode(new StunMessage(MessageType.BINDING_SUCCESS, id,
                List.of(new AddressAttribute(AttributeType.XOR_MAPPED_ADDRESS, source)))), source);
    }

    private void send(byte[] datagram, InetSocketAddress destination) {
        try {
            base.send(datagram, destination);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
