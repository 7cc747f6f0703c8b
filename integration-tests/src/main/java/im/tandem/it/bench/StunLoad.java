package im.tandem.it.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import im.tandem.ice.stun.MalformedStunException;
import im.tandem.ice.stun.MessageType;
import im.tandem.ice.stun.StunCodec;
import im.tandem.ice.stun.StunMessage;
import im.tandem.ice.stun.TransactionId;

/**
 * Drives a STUN server with Binding requests from several sockets, each keeping a fixed number of requests in
 * flight, and counts the success answers. A request unanswered for {@value #RESEND_MILLIS} ms is replaced, so a
 * dropped packet costs throughput rather than stopping a socket.
 */
final class StunLoad {
    /** Enough sockets and requests in flight to keep a server on two cores busy without flooding its buffers. */
    static final int SOCKETS = 4;
    static final int IN_FLIGHT = 16;
    private static final int RESEND_MILLIS = 200;

    private StunLoad() {
    }

    /** Answered requests per second over {@code duration}, after {@code warmUp}. */
    static double answersPerSecond(InetSocketAddress server, Duration warmUp, Duration duration) throws Exception {
        AtomicLong answered = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long countFrom = start + warmUp.toNanos();
        long end = countFrom + duration.toNanos();
        for (int i = 0; i < SOCKETS; i++) {
            Thread thread = new Thread(() -> drive(server, countFrom, end, answered), "stun-load-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return answered.get() / (duration.toNanos() / 1e9);
    }

    private static void drive(InetSocketAddress server, long countFrom, long end, AtomicLong answered) {
        byte[] request = StunCodec.encode(new StunMessage(MessageType.BINDING_REQUEST, TransactionId.random(), List.of()));
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(RESEND_MILLIS);
            DatagramPacket out = new DatagramPacket(request, request.length, server);
            for (int i = 0; i < IN_FLIGHT; i++) {
                socket.send(out);
            }
            byte[] buffer = new byte[1500];
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            while (System.nanoTime() < end) {
                try {
                    socket.receive(in);
                    if (isSuccess(buffer, in.getLength()) && System.nanoTime() >= countFrom) {
                        answered.incrementAndGet();
                    }
                    socket.send(out);
                } catch (SocketTimeoutException e) {
                    for (int i = 0; i < IN_FLIGHT; i++) {
                        socket.send(out);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("STUN load to " + server + " failed", e);
        }
    }

    private static boolean isSuccess(byte[] data, int length) {
        try {
            return StunCodec.decode(data, 0, length).type().equals(MessageType.BINDING_SUCCESS);
        } catch (MalformedStunException e) {
            return false;
        }
    }
}
