package im.tandem.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import im.tandem.ice.cli.TandemCommandLine;

/** Every benchmark speaks the one command-line style: --help answers without running it, anything else is refused. */
class BenchmarkCommandLineTest {
    static Stream<Callable<Integer>> benchmarks() {
        return Stream.of(new ServerBenchmark(), new StunBenchmark(), new NatBenchmark(), new DeliveryBenchmark(),
                new DirectBenchmark(), new FileBenchmark(), new LossBenchmark(), new WebBenchmark());
    }

    @ParameterizedTest
    @MethodSource("benchmarks")
    void helpDescribesTheBenchmarkWithoutRunningIt(Callable<Integer> benchmark) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = TandemCommandLine.execute(benchmark, new String[] {"--help"}, stream(out), stream(err));

        assertThat(exit).isEqualTo(TandemCommandLine.EXIT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: tandem bench ").contains("--help");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("benchmarks")
    void anUnknownOptionIsRefusedByNameWithoutRunningIt(Callable<Integer> benchmark) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = TandemCommandLine.execute(benchmark, new String[] {"--rounds"}, stream(out), stream(err));

        assertThat(exit).isEqualTo(TandemCommandLine.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option: '--rounds'", "Usage: tandem bench");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
