package im.tandem.it.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;

import im.tandem.client.notify.SettingsChange;
import im.tandem.ice.cli.HelpOption;
import im.tandem.ice.cli.TandemCommandLine;
import im.tandem.it.delivery.MailServer;
import im.tandem.it.delivery.SmscServer;
import im.tandem.it.openfire.HarnessPaths;
import im.tandem.it.openfire.OpenfireDistribution;
import im.tandem.it.openfire.OpenfireProcess;
import im.tandem.it.openfire.OpenfireSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * What offline delivery costs and how fast it goes, in one run against baselines measured in the same run:
 * <ul>
 * <li>offline messages stored, and handed over at login, per second: plain Openfire against Openfire with the
 * plugin, whose recipient has opted in so that the plugin does its full work for every message; and how fast the
 * plugin takes the stored messages into the recipient's digest, against how fast plain Openfire stores them;
 * <li>extension deliveries per second into a real SMTP server (GreenMail) and a real SMPP server (jsmpp), against
 * messages sent straight into them;
 * <li>the delay from the end of a message's hold-off to its delivery, at the default poll interval and at the
 * shortest.
 * </ul>
 *
 * <p>Run with {@code ./tandem bench delivery}.
 */
@Command(name = "tandem bench delivery", description = "offline messages with and without the plugin, email and SMS deliveries")
public final class DeliveryBenchmark implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    /** Rounds of each rate, after a warm-up round; the table shows the median, which outliers do not move. */
    static final int ROUNDS = 5;
    /** Offline messages per round: enough that the login's hand-over takes far longer than the login. */
    static final int OFFLINE_MESSAGES = 2_000;
    /** Opted-in accounts per channel; a burst sends one message to each. */
    static final int RECIPIENTS = 100;
    /** Between paced messages: far more than a delivery takes, so deliveries do not queue behind each other. */
    static final Duration PACE = Duration.ofMillis(100);
    /** The plugin's default sender threads (tandem.notify.worker.threads); the direct baseline uses as many. */
    static final int SENDERS = 2;
    /** Short, so that the run is; the delay measured starts where the hold-off ends, whatever its length. */
    static final Duration HOLD_OFF = Duration.ofSeconds(2);
    /** The plugin's default poll interval (tandem.notify.worker.poll.millis) and the shortest it accepts. */
    static final Duration DEFAULT_POLL = Duration.ofSeconds(1);
    static final Duration SHORTEST_POLL = Duration.ofMillis(100);
    /** Recipients of the offline rounds keep their messages this long, so none is delivered while being timed. */
    static final Duration OFFLINE_HOLD_OFF = Duration.ofHours(1);
    /** Openfire refuses offline messages beyond 100 KB per user by default; the rounds store far more. */
    static final String OFFLINE_QUOTA = Integer.toString(64 * 1024 * 1024);
    static final String SENDER = "sender";
    /** The highest values the caps accept: no cap decides a figure here (the defaults allow 60 a minute). */
    static final String CAP_LIFTED_PER_MINUTE = "1000000";
    static final String CAP_LIFTED_DAILY = "100000";

    DeliveryBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(TandemCommandLine.execute(new DeliveryBenchmark(), args));
    }

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("tandem-delivery-bench-");
        try (MailServer mail = MailServer.start(); SmscServer smsc = SmscServer.start()) {
            DeliverySink email = DeliverySink.email(mail);
            DeliverySink sms = DeliverySink.sms(smsc);
            // Accounts mail<RECIPIENTS>... receive the offline rounds' messages, a fresh one each round (and one for
            // the warm-up), on both servers.
            List<DeliverySink.Recipient> offline = new ArrayList<>();
            for (int round = 0; round <= ROUNDS; round++) {
                offline.add(email.recipient(RECIPIENTS + round));
            }
            OpenfireSettings.Builder plain = OpenfireSettings.builder().pluginInstalled(false)
                    .property("xmpp.offline.quota", OFFLINE_QUOTA);
            account(plain, SENDER);
            offline.forEach(recipient -> account(plain, recipient.username()));
            OpenfireSettings.Builder relay = relaySettings(plain.build().toBuilder().pluginInstalled(true), mail, smsc);
            email.recipients(RECIPIENTS).forEach(recipient -> account(relay, recipient.username()));
            sms.recipients(RECIPIENTS).forEach(recipient -> account(relay, recipient.username()));

            System.err.println("booting plain Openfire and Openfire with the plugin...");
            try (OpenfireProcess base = OpenfireProcess.start(work.resolve("plain"), plain.build(),
                    HarnessPaths.pluginJar());
                 OpenfireProcess plugin = OpenfireProcess.start(work.resolve("plugin"), relay.build(),
                         HarnessPaths.pluginJar())) {
                System.err.println("opting in " + (2 * RECIPIENTS + offline.size()) + " accounts by email and SMS...");
                ExtensionOptIn.optIn(plugin, email, offline,
                        Optional.of(new SettingsChange().holdOff(OFFLINE_HOLD_OFF)));
                ExtensionOptIn.optIn(plugin, email, email.recipients(RECIPIENTS), Optional.empty());
                // Every message here comes from a stranger, which SMS skips unless the user allows it.
                ExtensionOptIn.optIn(plugin, sms, sms.recipients(RECIPIENTS),
                        Optional.of(new SettingsChange().paidFromNonContacts(true)));

                Results results = new Results();
                inTurns("offline", results, (round, into) -> plainOffline(base, offline.get(round).username(), into),
                        (round, into) -> pluginOffline(plugin, offline.get(round).username(), into));
                XMPPTCPConnection sender = BenchSessions.open(plugin, SENDER, false);
                try {
                    ExtensionLoad load = new ExtensionLoad(sender, plugin.domain(), HOLD_OFF);
                    DirectSinkLoad direct = new DirectSinkLoad(SENDERS);
                    inTurns("delivery", results, (round, into) -> {
                        into.rate("email plugin", load.burst(email, email.recipients(RECIPIENTS)));
                        into.rate("sms plugin", load.burst(sms, sms.recipients(RECIPIENTS)));
                    }, (round, into) -> {
                        into.rate("email direct", direct.email(email, mail.port(), RECIPIENTS));
                        into.rate("sms direct", direct.sms(sms, smsc.port(), RECIPIENTS));
                    });
                    paced(plugin, load, email, sms, results);
                } finally {
                    sender.disconnect();
                }
                results.print();
            }
        }

        return TandemCommandLine.EXIT_OK;
    }

    /**
     * A warm-up round whose figures are dropped, then {@link #ROUNDS} rounds of the two measurements, taking turns
     * at going first so that neither always meets the other's after-effects or a colder JVM.
     */
    private static void inTurns(String what, Results results, Round first, Round second) throws Exception {
        for (int round = 0; round <= ROUNDS; round++) {
            System.err.println(what + (round == 0 ? " warm-up round" : " round " + round + "/" + ROUNDS));
            Results into = round == 0 ? new Results() : results;
            for (Round measurement : round % 2 == 0 ? List.of(first, second) : List.of(second, first)) {
                measurement.run(round, into);
            }
        }
    }

    private static void plainOffline(OpenfireProcess server, String recipient, Results into) throws Exception {
        into.rate("stored plain", OfflineHandover.store(server, SENDER, recipient, OFFLINE_MESSAGES).perSecond());
        into.rate("handed over plain", OfflineHandover.handOver(server, recipient, OFFLINE_MESSAGES));
    }

    private static void pluginOffline(OpenfireProcess server, String recipient, Results into) throws Exception {
        OfflineHandover.Stored stored = OfflineHandover.store(server, SENDER, recipient, OFFLINE_MESSAGES);
        into.rate("stored plugin", stored.perSecond());
        // The login comes once the intake is done, as a user's does, minutes later.
        into.rate("digested plugin", OfflineHandover.awaitDigest(server, recipient, stored, OFFLINE_MESSAGES));
        into.rate("handed over plugin", OfflineHandover.handOver(server, recipient, OFFLINE_MESSAGES));
    }

    /** Paced messages to both channels' recipients, at the default poll interval and at the shortest. */
    private static void paced(OpenfireProcess plugin, ExtensionLoad load, DeliverySink email, DeliverySink sms,
            Results results) throws Exception {
        Map<DeliverySink, List<DeliverySink.Recipient>> both = new LinkedHashMap<>();
        both.put(email, email.recipients(RECIPIENTS));
        both.put(sms, sms.recipients(RECIPIENTS));
        for (Duration poll : List.of(DEFAULT_POLL, SHORTEST_POLL)) {
            System.err.printf("paced messages, polling every %d ms%n", poll.toMillis());
            plugin.setProperty("tandem.notify.worker.poll.millis", Long.toString(poll.toMillis()));
            Map<DeliverySink, Samples> delays = Map.of(email, new Samples(), sms, new Samples());
            load.paced(both, PACE, delays);
            results.delays(poll, delays.get(email), delays.get(sms));
        }
    }

    /** One measurement of a round, recording its figures into the results given. */
    @FunctionalInterface
    private interface Round {
        void run(int round, Results into) throws Exception;
    }

    /** The relay's settings: email and SMS to the servers above, the hold-off short, the caps out of the way. */
    private static OpenfireSettings.Builder relaySettings(OpenfireSettings.Builder builder, MailServer mail,
            SmscServer smsc) {
        return builder
                .property("mail.smtp.host", "127.0.0.1")
                .property("mail.smtp.port", Integer.toString(mail.port()))
                .property("tandem.notify.sms.transport", "smpp")
                .property("sms.smpp.host", "127.0.0.1")
                .property("sms.smpp.port", Integer.toString(smsc.port()))
                .property("sms.smpp.systemId", "tandem")
                .property("sms.smpp.password", "secret")
                .property("tandem.notify.sms.allowedPrefixes", "+49")
                .property("tandem.notify.holdoff.min.seconds", "1")
                .property("tandem.notify.holdoff.default.seconds", Long.toString(HOLD_OFF.toSeconds()))
                .property("tandem.notify.cap.global.perMinute", CAP_LIFTED_PER_MINUTE)
                .property("tandem.notify.cap.email.daily", CAP_LIFTED_DAILY)
                .property("tandem.notify.cap.sms.daily", CAP_LIFTED_DAILY)
                .property("tandem.notify.cap.messages.daily", CAP_LIFTED_DAILY)
                .property("tandem.notify.sms.budget.daily", CAP_LIFTED_DAILY)
                .property("tandem.notify.sms.budget.perCountry.daily", CAP_LIFTED_DAILY);
    }

    private static void account(OpenfireSettings.Builder builder, String username) {
        builder.user(username, BenchSessions.password(username));
    }

    /** The figures of one run and the table they make. */
    private static final class Results {
        private final Map<String, List<Double>> rates = new LinkedHashMap<>();
        private final Map<Duration, Samples[]> delays = new LinkedHashMap<>();

        void rate(String name, double perSecond) {
            rates.computeIfAbsent(name, key -> new ArrayList<>()).add(perSecond);
            System.err.printf("  %s: %.0f/s%n", name, perSecond);
        }

        void delays(Duration poll, Samples email, Samples sms) {
            delays.put(poll, new Samples[] {email, sms});
        }

        void print() {
            System.out.printf("%n%s, embedded database. Rates: median of %d rounds after a warm-up,"
                    + " baseline and plugin taking turns; offline: %d messages per round; deliveries: a burst to %d"
                    + " opted-in accounts per channel, %d sender threads, caps lifted; delays: %d paced messages per"
                    + " channel, hold-off %d s%n", OpenfireDistribution.underTest(), ROUNDS, OFFLINE_MESSAGES,
                    RECIPIENTS, SENDERS, RECIPIENTS, HOLD_OFF.toSeconds());
            System.out.println("| measure | baseline (same run) | with the plugin | ratio |");
            System.out.println("|---|---|---|---|");
            row("offline messages stored per second", "plain Openfire", "stored plain", "stored plugin");
            row("offline messages taken into the digest per second (against stored by plain Openfire)",
                    "plain Openfire", "stored plain", "digested plugin");
            row("offline messages handed over per second at login", "plain Openfire", "handed over plain",
                    "handed over plugin");
            row("email deliveries per second into GreenMail (SMTP)", "sent directly", "email direct", "email plugin");
            row("SMS deliveries per second into the jsmpp SMSC (SMPP)", "sent directly", "sms direct", "sms plugin");
            delays.forEach((poll, samples) -> {
                String when = poll.equals(DEFAULT_POLL) ? "polling every " + poll.toMillis() + " ms (default)"
                        : "polling every " + poll.toMillis() + " ms";
                delayRow("hold-off end to email delivered, " + when, samples[0]);
                delayRow("hold-off end to SMS delivered, " + when, samples[1]);
            });
        }

        private void row(String measure, String baselineName, String baseline, String plugin) {
            double base = median(rates.get(baseline));
            double with = median(rates.get(plugin));
            System.out.printf("| %s | %.0f (%s) | %.0f | %.2f |%n", measure, base, baselineName, with, with / base);
        }

        private static void delayRow(String measure, Samples samples) {
            System.out.printf("| %s | — | median %.0f ms, p99 %.0f ms | — |%n", measure, samples.medianMillis(),
                    samples.quantileMillis(0.99));
        }

        private static double median(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }
    }
}
