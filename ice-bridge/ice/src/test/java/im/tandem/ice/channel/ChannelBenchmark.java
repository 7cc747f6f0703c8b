package im.tandem.ice.channel;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Not a test (no "Test" in its name, so Surefire never runs it): measures our channel against kernel TCP and JDK
 * TLS 1.3 over TCP, on loopback, in one run, and prints a table with ratios against TCP. After
 * {@code mvn -o -pl ice-bridge test-compile}, run it with the test classpath, e.g.
 * {@code java -cp ice-bridge/target/classes:ice-bridge/target/test-classes:<dependencies> im.tandem.ice.channel.ChannelBenchmark}.
 */
public final class ChannelBenchmark {

    /** Big enough that start-up and slow start are a small part of the time. */
    private static final int TRANSFER_BYTES = 64 * 1024 * 1024;
    private static final int TRANSFER_RUNS = 7;
    private static final int CHUNK = 64 * 1024;
    private static final int PING_WARMUP = 2_000;
    private static final int PINGS = 10_000;
    private static final long LIMIT_SECONDS = 120;

    private interface Link extends Closeable {
        InputStream aIn();
        OutputStream aOut();
        InputStream bIn();
        OutputStream bOut();
    }

    private record Result(String name, double mbPerSecond, double medianRttMicros, double p99RttMicros) {
    }

    public static void main(String[] args) throws Exception {
        List<Result> results = new ArrayList<>();
        try (Link tcp = tcp(false)) {
            results.add(measure("kernel TCP", tcp));
        }
        try (Link tls = tcp(true)) {
            results.add(measure("TLS 1.3 over TCP (JDK)", tls));
        }
        try (Link channel = channel()) {
            results.add(measure("channel: TLS 1.3 over ARQ/UDP", channel));
        }
        Result base = results.get(0);
        System.out.printf(Locale.ROOT, "%-32s %10s %8s %12s %10s %10s%n", "path (loopback)", "MB/s", "x TCP",
                "RTT med µs", "RTT p99 µs", "x TCP");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-32s %10.1f %8.3f %12.1f %10.1f %10.2f%n", r.name(), r.mbPerSecond(),
                    r.mbPerSecond() / base.mbPerSecond(), r.medianRttMicros(), r.p99RttMicros(),
                    r.medianRttMicros() / base.medianRttMicros());
        }
        System.out.printf(Locale.ROOT, "throughput: median of %d transfers of %d MiB; RTT: %d one-byte ping-pongs%n",
                TRANSFER_RUNS, TRANSFER_BYTES >> 20, PINGS);
    }

    private static Result measure(String name, Link link) throws Exception {
        double[] rates = new double[TRANSFER_RUNS];
        for (int i = 0; i < TRANSFER_RUNS; i++) {
            rates[i] = transfer(link);
        }
        Arrays.sort(rates);
        long[] rtts = pingPong(link);
        Arrays.sort(rtts);
        return new Result(name, rates[TRANSFER_RUNS / 2], rtts[rtts.length / 2] / 1000.0,
                rtts[rtts.length * 99 / 100] / 1000.0);
    }

    private static double transfer(Link link) throws Exception {
        CompletableFuture<Long> reader = TestThreads.async(() -> {
            byte[] buffer = new byte[CHUNK];
            long total = 0;
            while (total < TRANSFER_BYTES) {
                int n = link.bIn().read(buffer, 0, (int) Math.min(buffer.length, TRANSFER_BYTES - total));
                if (n < 0) {
                    throw new IOException("stream ended early");
                }
                total += n;
            }
            return System.nanoTime();
        });
        byte[] chunk = new byte[CHUNK];
        long start = System.nanoTime();
        for (int sent = 0; sent < TRANSFER_BYTES; sent += CHUNK) {
            link.aOut().write(chunk);
        }
        link.aOut().flush();
        long end = reader.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        return TRANSFER_BYTES / 1e6 / ((end - start) / 1e9);
    }

    private static long[] pingPong(Link link) throws Exception {
        CompletableFuture<Void> echo = TestThreads.async(() -> {
            for (int i = 0; i < PING_WARMUP + PINGS; i++) {
                int b = link.bIn().read();
                link.bOut().write(b);
                link.bOut().flush();
            }
            return null;
        });
        long[] rtts = new long[PINGS];
        for (int i = 0; i < PING_WARMUP + PINGS; i++) {
            long start = System.nanoTime();
            link.aOut().write(i & 0x7F);
            link.aOut().flush();
            if (link.aIn().read() != (i & 0x7F)) {
                throw new IOException("echo mismatch");
            }
            if (i >= PING_WARMUP) {
                rtts[i - PING_WARMUP] = System.nanoTime() - start;
            }
        }
        echo.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        return rtts;
    }

    private static Link tcp(boolean tls) throws Exception {
        ChannelIdentity aId = ChannelIdentity.generate();
        ChannelIdentity bId = ChannelIdentity.generate();
        ServerSocket server = tls
                ? TlsContexts.context(bId, aId.fingerprint()).getServerSocketFactory().createServerSocket()
                : new ServerSocket();
        if (tls) {
            ((SSLServerSocket) server).setNeedClientAuth(true);
            ((SSLServerSocket) server).setEnabledProtocols(new String[] {TlsContexts.PROTOCOL});
        }
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        CompletableFuture<Socket> accepted = TestThreads.async(server::accept);
        Socket a = tls ? TlsContexts.context(aId, bId.fingerprint()).getSocketFactory().createSocket()
                : new Socket();
        a.connect(server.getLocalSocketAddress());
        Socket b = accepted.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        server.close();
        for (Socket s : List.of(a, b)) {
            s.setTcpNoDelay(true); // ping-pong must not wait for Nagle
        }
        if (tls) {
            CompletableFuture<Void> serverHandshake = TestThreads.async(() -> {
                ((SSLSocket) b).startHandshake();
                return null;
            });
            ((SSLSocket) a).startHandshake();
            serverHandshake.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        }
        InputStream aIn = a.getInputStream();
        OutputStream aOut = a.getOutputStream();
        InputStream bIn = b.getInputStream();
        OutputStream bOut = b.getOutputStream();
        return new Link() {
            public InputStream aIn() { return aIn; }
            public OutputStream aOut() { return aOut; }
            public InputStream bIn() { return bIn; }
            public OutputStream bOut() { return bOut; }
            public void close() throws IOException {
                a.close();
                b.close();
            }
        };
    }

    private static Link channel() throws Exception {
        ChannelPair pair = ChannelPair.open(ChannelConfig.defaults());
        return new Link() {
            public InputStream aIn() { return pair.client().input(); }
            public OutputStream aOut() { return pair.client().output(); }
            public InputStream bIn() { return pair.server().input(); }
            public OutputStream bOut() { return pair.server().output(); }
            public void close() {
                pair.close();
            }
        };
    }
}
