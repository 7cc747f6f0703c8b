package im.tandem.ice.nat;

import im.tandem.ice.net.DatagramEndpoint;
import im.tandem.ice.net.DatagramNetwork;
import im.tandem.ice.net.Scheduler;
import im.tandem.ice.stun.ChangeRequest;
import im.tandem.ice.stun.ErrorCode;
import im.tandem.ice.stun.MalformedStunException;
import im.tandem.ice.stun.MessageClass;
import im.tandem.ice.stun.MessageType;
import im.tandem.ice.net.SocketAddresses;
import im.tandem.ice.stun.StunAttribute;
import im.tandem.ice.stun.StunCodec;
import im.tandem.ice.stun.StunMessage;
import im.tandem.ice.stun.TransactionId;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One local datagram endpoint that runs any number of concurrent Binding transactions, matching answers to
 * requests by transaction id (answers may come from other server addresses than the one asked, so the endpoint
 * stays unconnected). Requests carry nothing but an optional CHANGE-REQUEST: no SOFTWARE and no FINGERPRINT,
 * because classic servers such as Debian's stund reject attributes they do not know. Answers arrive on the
 * network's thread and (re)transmissions run on the scheduler's, so pending transactions sit in a concurrent map.
 */
final class ProbeSocket implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ProbeSocket.class.getName());

    private final DatagramEndpoint endpoint;
    private final Scheduler scheduler;
    private final Map<TransactionId, Pending> pending = new ConcurrentHashMap<>();

    ProbeSocket(DatagramNetwork network, InetSocketAddress bindAddress, Scheduler scheduler, String purpose)
            throws IOException {
        this.scheduler = scheduler;
        this.endpoint = network.bind(bindAddress, "nat-probe-" + purpose, this::received);
    }

    InetSocketAddress localAddress() {
        return endpoint.localAddress();
    }

    /**
     * Sends a Binding request to {@code destination} on the given schedule until an answer arrives or the budget
     * runs out. The future never completes exceptionally.
     *
     * @param expectedSource where a correct server's answer comes from (differs from the destination when a
     *                       change is requested)
     */
    CompletableFuture<ProbeResult> probe(InetSocketAddress destination, ChangeRequest change,
                                         InetSocketAddress expectedSource, RetransmissionSchedule schedule) {
        TransactionId id = TransactionId.random();
        List<StunAttribute> attributes = change.changesAnything() ? List.of(change) : List.of();
        byte[] request = StunCodec.encode(new StunMessage(MessageType.BINDING_REQUEST, id, attributes));
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        pending.put(id, new Pending(result, expectedSource));

        List<Scheduler.Cancellable> tasks = new ArrayList<>();
        for (Duration offset : schedule.sendOffsets()) {
            tasks.add(scheduler.schedule(offset, () -> send(result, request, destination)));
        }
        String silence = "nothing from " + SocketAddresses.format(expectedSource) + " within "
                + schedule.budget().toMillis() + " ms";
        tasks.add(scheduler.schedule(schedule.budget(),
                () -> result.complete(ProbeResult.failed(ProbeStatus.NO_ANSWER, silence))));
        result.whenComplete((r, e) -> {
            pending.remove(id);
            tasks.forEach(Scheduler.Cancellable::cancel);
        });
        return result;
    }

    @Override
    public void close() {
        endpoint.close();
        pending.values().forEach(p -> p.result().complete(
                ProbeResult.failed(ProbeStatus.NO_ANSWER, "discovery ended before an answer")));
    }

    private void send(CompletableFuture<ProbeResult> result, byte[] request, InetSocketAddress destination) {
        if (result.isDone()) {
            return;
        }
        try {
            endpoint.send(request, destination);
        } catch (IOException e) {
            result.complete(ProbeResult.failed(ProbeStatus.NO_ANSWER,
                    "cannot send to " + SocketAddresses.format(destination) + ": " + e.getMessage()));
        }
    }

    private void received(byte[] data, int length, InetSocketAddress source) {
        try {
            StunMessage message = StunCodec.decode(data, 0, length);
            Pending p = pending.get(message.transactionId());
            if (p != null && isBindingResponse(message.type())) {
                p.result().complete(interpret(message, source, p.expectedSource()));
            }
        } catch (MalformedStunException e) {
            // Anything may arrive on an open port; only well-formed answers to our own requests count.
            LOG.log(Level.DEBUG, "ignoring malformed datagram: {0}", e.getMessage());
        }
    }

    private static boolean isBindingResponse(MessageType type) {
        return type.method() == MessageType.METHOD_BINDING
                && (type.messageClass() == MessageClass.SUCCESS_RESPONSE
                || type.messageClass() == MessageClass.ERROR_RESPONSE);
    }

    private static ProbeResult interpret(StunMessage answer, InetSocketAddress source, InetSocketAddress expected) {
        if (!source.equals(expected)) {
            return ProbeResult.failed(ProbeStatus.WRONG_SOURCE, "answer came from " + SocketAddresses.format(source)
                    + " instead of " + SocketAddresses.format(expected));
        }
        if (answer.type().messageClass() == MessageClass.ERROR_RESPONSE) {
            String error = answer.first(ErrorCode.class)
                    .map(c -> "error " + c.code() + " " + c.reason())
                    .orElse("error response without ERROR-CODE");
            return ProbeResult.failed(ProbeStatus.REJECTED, error);
        }
        return answer.mappedAddress()
                .map(mapped -> ProbeResult.answered(mapped, answer.otherAddress()))
                .orElse(ProbeResult.failed(ProbeStatus.REJECTED, "success response without a mapped address"));
    }

    private record Pending(CompletableFuture<ProbeResult> result, InetSocketAddress expectedSource) {
    }
}
