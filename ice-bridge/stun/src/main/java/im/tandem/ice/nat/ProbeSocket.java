package im.tandem.ice.nat;

import im.tandem.ice.stun.ChangeRequest;
import im.tandem.ice.stun.ErrorCode;
import im.tandem.ice.stun.MalformedStunException;
import im.tandem.ice.stun.MessageClass;
import im.tandem.ice.stun.MessageType;
import im.tandem.ice.stun.SocketAddresses;
import im.tandem.ice.stun.StunAttribute;
import im.tandem.ice.stun.StunCodec;
import im.tandem.ice.stun.StunMessage;
import im.tandem.ice.stun.TransactionId;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One local UDP socket that runs any number of concurrent Binding transactions, matching answers to requests
 * by transaction id (answers may come from other server addresses than the one asked, so the socket stays
 * unconnected). Requests carry nothing but an optional CHANGE-REQUEST: no SOFTWARE and no FINGERPRINT, because
 * classic servers such as Debian's stund reject attributes they do not know.
 */
final class ProbeSocket implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ProbeSocket.class.getName());
    /** Binding answers are a few hundred bytes at most; a longer datagram is truncated and then fails to decode. */
    private static final int RECEIVE_BUFFER_BYTES = 1500;
    /** How long {@link #close()} waits for the receiver thread after closing the socket. */
    private static final long RECEIVER_JOIN_MILLIS = 1000;

    private final DatagramSocket socket;
    private final ScheduledExecutorService timer;
    private final Map<TransactionId, Pending> pending = new ConcurrentHashMap<>();
    private final Thread receiver;

    ProbeSocket(InetSocketAddress bindAddress, ScheduledExecutorService timer, String purpose) throws IOException {
        this.socket = new DatagramSocket(bindAddress);
        this.timer = timer;
        this.receiver = new Thread(this::receiveLoop,
                "nat-probe-" + purpose + "-" + SocketAddresses.format(localAddress()));
        this.receiver.setDaemon(true);
        this.receiver.start();
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
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

        List<ScheduledFuture<?>> tasks = new ArrayList<>();
        for (Duration offset : schedule.sendOffsets()) {
            tasks.add(timer.schedule(() -> send(result, request, destination), offset.toNanos(), TimeUnit.NANOSECONDS));
        }
        String silence = "nothing from " + SocketAddresses.format(expectedSource) + " within "
                + schedule.budget().toMillis() + " ms";
        tasks.add(timer.schedule(() -> result.complete(ProbeResult.failed(ProbeStatus.NO_ANSWER, silence)),
                schedule.budget().toNanos(), TimeUnit.NANOSECONDS));
        result.whenComplete((r, e) -> {
            pending.remove(id);
            tasks.forEach(t -> t.cancel(false));
        });
        return result;
    }

    @Override
    public void close() {
        socket.close();
        pending.values().forEach(p -> p.result().complete(
                ProbeResult.failed(ProbeStatus.NO_ANSWER, "discovery ended before an answer")));
        try {
            receiver.join(RECEIVER_JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(CompletableFuture<ProbeResult> result, byte[] request, InetSocketAddress destination) {
        if (result.isDone()) {
            return;
        }
        try {
            socket.send(new DatagramPacket(request, request.length, destination));
        } catch (IOException e) {
            result.complete(ProbeResult.failed(ProbeStatus.NO_ANSWER,
                    "cannot send to " + SocketAddresses.format(destination) + ": " + e.getMessage()));
        }
    }

    private void receiveLoop() {
        byte[] buffer = new byte[RECEIVE_BUFFER_BYTES];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.log(Level.DEBUG, "receive failed", e);
                }
                continue;
            }
            try {
                StunMessage message = StunCodec.decode(buffer, 0, packet.getLength());
                Pending p = pending.get(message.transactionId());
                if (p != null && isBindingResponse(message.type())) {
                    p.result().complete(interpret(message, (InetSocketAddress) packet.getSocketAddress(),
                            p.expectedSource()));
                }
            } catch (MalformedStunException e) {
                // Anything may arrive on an open port; only well-formed answers to our own requests count.
                LOG.log(Level.DEBUG, "ignoring malformed datagram: {0}", e.getMessage());
            }
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
