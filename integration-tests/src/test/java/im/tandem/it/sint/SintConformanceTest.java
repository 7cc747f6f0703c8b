package im.tandem.it.sint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import im.tandem.it.openfire.HarnessPaths;
import im.tandem.it.openfire.OpenfireDistribution;
import im.tandem.it.openfire.OpenfireProcess;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * A third-party conformance suite, the Smack Integration Test Framework (SINT), run against the harness's
 * Openfire without our plugin and then with it: whatever SINT finds working on plain Openfire must still
 * work with the plugin installed. The run with the plugin covers the tests that passed on plain Openfire. The two
 * runs' counts go to target/sint-summary.txt.
 *
 * <p>A test that passed on plain Openfire but not with the plugin is run again with the plugin, up to
 * {@link #PLUGIN_RERUNS} times, before it counts as broken by it: a few of SINT's MUC and PEP tests race their
 * own clients and fail now and then on Openfire 4.2.0 with or without the plugin.
 */
@Tag("server")
class SintConformanceTest {
    /**
     * Test classes SINT must not run here, and why. SINT 4.5.0-beta5 disables whole classes even when given
     * a single method, so each entry is a class.
     */
    private static final Map<String, String> DISABLED = Map.of(
            "ModularXmppClientToServerConnectionLowLevelIntegrationTest",
            "builds its connections itself, and SINT 4.5.0-beta5 has no port setting, so they go to port 5222"
                    + " instead of the test server's port (where a developer's own server may be listening)",
            "FileTransferIntegrationTest",
            "Smack's SOCKS5 transfer listens on all interfaces and offers every local address, so peers connect"
                    + " beyond loopback; the in-band (IBB) variant is in the same class and goes with it");
    /**
     * How many of SINT's tests must pass on each Openfire release, with or without the plugin. Of SINT
     * 4.5.0-beta5's tests selected here, 83 to 85 of 97 pass on Openfire 4.2.0 (the rest are its own MUC and PEP
     * shortcomings) and 98 of 98 on 5.1.1, where one more test class can run. A broken setup (login,
     * registration, the port) fails nearly everything; each bound allows for flaky tests while still noticing when
     * a whole area, such as all of MUC, stops working.
     */
    private static final Map<String, Integer> MIN_PASSED_BY_VERSION = Map.of("4.2.0", 60, "5.1.1", 90);
    /** The bound for a release not measured here: 4.2.0's, the lowest. */
    private static final int MIN_PASSED_OTHERWISE = 60;
    private static final int MIN_PASSED = MIN_PASSED_BY_VERSION.getOrDefault(
            OpenfireDistribution.underTest().version(), MIN_PASSED_OTHERWISE);
    /**
     * How often a test that passed on plain Openfire but failed with the plugin is run again with the plugin
     * before it can count as broken; the re-runs stop at its first pass. A plugin that breaks a test fails it
     * every time; a racy test does not. SINT's PEP notification tests (user tune, mood, geolocation) race
     * their own client: Smack 4.5.0-beta5 tells the test that the receiver's new notification filter is out
     * before it sends the presence carrying it, so the publish, sent at once on the other connection, may reach
     * the server first, and Openfire 4.2.0 does not send the item again once the filter arrives. On a loaded
     * 2-core machine the user tune test failed in 19 of 35 runs on plain Openfire and in 17 of 35 with the plugin.
     * At about one in two, a single re-run let it count as broken by chance in up to one comparison in sixteen
     * (passing on plain Openfire, failing twice with the plugin, passing again on plain); with five, one in 250.
     */
    private static final int PLUGIN_RERUNS = 5;

    @Test
    void everyTestPassingOnPlainOpenfireAlsoPassesWithThePlugin() {
        SintOptions options = SintOptions.allExcept(DISABLED);

        // Both servers stay up until the end, so that a test failing only with the plugin can be run again on
        // each, in the same state: it counts as broken only if it fails in every run with the plugin while
        // passing again on plain Openfire. Some of SINT's PEP and group-chat tests miss notifications now and
        // then on this server whether or not the plugin is there; the re-runs tell those apart.
        Path plainDirectory = SintBuild.freshRunDirectory("plain");
        Path pluginDirectory = SintBuild.freshRunDirectory("with-plugin");
        TimedResults plain;
        TimedResults withPlugin;
        Set<String> lost;
        List<TimedResults> reruns = new ArrayList<>();
        Map<String, String> lastFailures = new TreeMap<>();
        Set<String> failingWithPlugin;
        TimedResults control = null;
        try (OpenfireProcess plainServer = start(plainDirectory, false);
             OpenfireProcess pluginServer = start(pluginDirectory, true)) {
            plain = TimedResults.of(() -> SintRun.execute(plainServer, options, plainDirectory));
            // Only what passed on plain Openfire can be broken by the plugin. The tests Openfire itself fails
            // (on 4.2.0 mostly by waiting out the reply timeout) would cost minutes with the plugin and tell
            // nothing about it.
            SintOptions passingOnPlain = plain.results().passed().isEmpty() ? options
                    : options.onlyThese(plain.results().passed());
            withPlugin = TimedResults.of(() -> SintRun.execute(pluginServer, passingOnPlain, pluginDirectory));
            lost = difference(plain.results().passed(), withPlugin.results().passed());
            failingWithPlugin = lost;
            for (int attempt = 1; attempt <= PLUGIN_RERUNS && !failingWithPlugin.isEmpty(); attempt++) {
                // Each test alone: one that fails may leave state behind for the next (an occupant still in a
                // group chat fails SINT's check that the occupant of a destroyed room is in no room).
                Set<String> stillFailing = new TreeSet<>();
                for (String test : failingWithPlugin) {
                    Path rerunDirectory = SintBuild.freshRunDirectory("with-plugin-rerun-" + attempt + "-"
                            + reruns.size());
                    SintOptions again = options.onlyThese(List.of(test));
                    TimedResults rerun = TimedResults.of(() -> SintRun.execute(pluginServer, again, rerunDirectory));
                    reruns.add(rerun);
                    if (!rerun.results().passed().contains(test)) {
                        stillFailing.add(test);
                        lastFailures.put(test, rerun.results().failed().getOrDefault(test, "no outcome"));
                    }
                }
                failingWithPlugin = stillFailing;
            }
            if (!failingWithPlugin.isEmpty()) {
                Path controlDirectory = SintBuild.freshRunDirectory("plain-rerun");
                SintOptions again = options.onlyThese(failingWithPlugin);
                control = TimedResults.of(() -> SintRun.execute(plainServer, again, controlDirectory));
            }
        }
        Set<String> broken = control == null ? Set.of()
                : intersection(failingWithPlugin, control.results().passed());

        summarize(plain, withPlugin, reruns, control, lost, broken);

        assertThat(plain.results().completed()).as("the run on plain Openfire completed: %s; see %s",
                plain.results().detail(), plainDirectory).isTrue();
        assertThat(withPlugin.results().completed()).as("the run with the plugin completed: %s; see %s",
                withPlugin.results().detail(), pluginDirectory).isTrue();
        for (TimedResults rerun : reruns) {
            assertThat(rerun.results().completed()).as("the re-run with the plugin completed: %s",
                    rerun.results().detail()).isTrue();
        }
        if (control != null) {
            assertThat(control.results().completed()).as("the plain re-run completed: %s", control.results().detail())
                    .isTrue();
        }
        assertThat(plain.results().passed()).as("SINT tests passing on plain Openfire; failures: %s",
                plain.results().failed()).hasSizeGreaterThanOrEqualTo(MIN_PASSED);
        assertThat(withPlugin.results().passed()).as("SINT tests passing with the plugin; failures: %s",
                withPlugin.results().failed()).hasSizeGreaterThanOrEqualTo(MIN_PASSED);
        assertThat(broken).as("SINT tests that fail in every run with the plugin but pass in both on plain Openfire;"
                + " why: %s", broken.stream().collect(Collectors.toMap(test -> test, lastFailures::get)))
                .isEmpty();
    }

    /** Writes the table the README shows to target/sint-summary.txt, and prints it. */
    private static void summarize(TimedResults plain, TimedResults withPlugin, List<TimedResults> reruns,
                                  TimedResults control, Set<String> lost, Set<String> broken) {
        SintSummary summary = new SintSummary("Smack Integration Test Framework " + SintBuild.sintVersion()
                + " against the test Openfire, without and with the Tandem plugin")
                .row("plain Openfire", plain.results(), plain.took())
                .row("with plugin", withPlugin.results(), withPlugin.took());
        for (int i = 0; i < reruns.size(); i++) {
            summary.row("with plugin, re-run " + (i + 1), reruns.get(i).results(), reruns.get(i).took());
        }
        if (!reruns.isEmpty()) {
            summary.note("re-runs with the plugin (up to " + PLUGIN_RERUNS + ", each test still failing run alone):"
                    + " the " + lost.size() + " test(s) that passed only on plain Openfire, " + lost);
        }
        if (control != null) {
            summary.row("plain Openfire, re-run", control.results(), control.took())
                    .note("re-run on plain Openfire: the tests that failed in every run with the plugin");
        }
        summary.note("failing in every run with the plugin but passing in both on plain Openfire: "
                        + (broken.isEmpty() ? "none" : broken))
                .disabled(DISABLED);
        summary.writeTo(SintBuild.reportsDirectory().resolve("sint-summary.txt"));
        System.out.println(summary.render());
    }

    private static OpenfireProcess start(Path runDirectory, boolean withPlugin) {
        OpenfireSettings settings = OpenfireSettings.builder()
                .pluginInstalled(withPlugin)
                // SINT creates its accounts by in-band registration (XEP-0077) and deletes them the same way.
                .property("register.inband", "true")
                .build();
        return OpenfireProcess.start(runDirectory.resolve("openfire"), settings, HarnessPaths.pluginJar());
    }

    private static Set<String> intersection(Set<String> left, Set<String> right) {
        Set<String> both = new TreeSet<>(left);
        both.retainAll(right);
        return both;
    }

    private static Set<String> difference(Set<String> all, Set<String> minus) {
        Set<String> rest = new TreeSet<>(all);
        rest.removeAll(minus);
        return rest;
    }

    /** A run's results and how long it took, for the summary only; nothing is asserted about the time. */
    private record TimedResults(SintResults results, Duration took) {
        static TimedResults of(Supplier<SintResults> run) {
            long start = System.nanoTime();
            SintResults results = run.get();
            return new TimedResults(results, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
