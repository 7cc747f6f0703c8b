package im.tandem.openfire;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.jivesoftware.openfire.OfflineMessageStrategy;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.interceptor.InterceptorManager;
import org.jivesoftware.openfire.user.PresenceEventDispatcher;

import im.tandem.openfire.commands.CommandContext;
import im.tandem.openfire.commands.NotifyCommands;
import im.tandem.openfire.config.OpenfireProperties;
import im.tandem.openfire.config.PropertyReader;
import im.tandem.openfire.delivery.CapNotices;
import im.tandem.openfire.delivery.DeliveryConfig;
import im.tandem.openfire.delivery.DeliveryProcessor;
import im.tandem.openfire.delivery.DeliveryStore;
import im.tandem.openfire.delivery.DeliveryWorker;
import im.tandem.openfire.delivery.EmailSender;
import im.tandem.openfire.delivery.FaxConfig;
import im.tandem.openfire.delivery.FaxSender;
import im.tandem.openfire.delivery.HttpSmsSender;
import im.tandem.openfire.delivery.OnlineCheck;
import im.tandem.openfire.delivery.SmppSmsSender;
import im.tandem.openfire.delivery.SmsConfig;
import im.tandem.openfire.delivery.SmsSender;
import im.tandem.openfire.limits.LimitConfig;
import im.tandem.openfire.limits.RateLimiter;
import im.tandem.openfire.notify.DeliveryChannel;
import im.tandem.openfire.notify.SettingsStore;
import im.tandem.openfire.notify.UserDefaults;
import im.tandem.openfire.notify.VerificationStore;
import im.tandem.openfire.notify.Verifier;
import im.tandem.openfire.offline.AwayTracker;
import im.tandem.openfire.offline.AwayTrigger;
import im.tandem.openfire.offline.DigestIntake;
import im.tandem.openfire.offline.Intake;
import im.tandem.openfire.offline.OfflineBacklog;
import im.tandem.openfire.offline.OfflineScan;
import im.tandem.openfire.offline.OfflineTrigger;
import im.tandem.openfire.offline.PresenceWatcher;
import im.tandem.openfire.offline.RosterContacts;
import im.tandem.openfire.offline.SessionOnlineCheck;
import im.tandem.openfire.offline.TriggerRule;
import im.tandem.openfire.offline.XmppNotices;
import im.tandem.openfire.storage.ConnectionSource;
import im.tandem.openfire.storage.OpenfireDatabase;

/**
 * The offline relay feature, wired: messages Openfire stores offline also reach opted-in users by email,
 * SMS or fax, through the plugin's durable queue, with user settings and admin controls as ad-hoc commands.
 * Settings are Openfire system properties, read when used, so most changes apply without a restart.
 */
final class OfflineRelay {
    private final DeliveryWorker worker;
    private final Intake intake;
    private final OfflineScan scan;
    private final Duration rescan;
    private final OfflineTrigger trigger;
    private final AwayTrigger awayTrigger;
    private final PresenceWatcher presence;
    private final NotifyCommands commands;
    private final DeliveryStore deliveries;

    private OfflineRelay(XMPPServer server) {
        PropertyReader properties = new PropertyReader(new OpenfireProperties());
        Clock clock = Clock.systemUTC();
        ConnectionSource database = new OpenfireDatabase();
        String domain = server.getServerInfo().getXMPPDomain();
        Supplier<DeliveryConfig> delivery = () -> DeliveryConfig.load(properties);
        Supplier<LimitConfig> limits = () -> LimitConfig.load(properties);
        Supplier<UserDefaults> defaults = () -> UserDefaults.load(properties);
        Supplier<SmsConfig> sms = () -> SmsConfig.load(properties);
        Supplier<FaxConfig> fax = () -> FaxConfig.load(properties);

        SettingsStore settings = new SettingsStore(database, clock);
        VerificationStore codes = new VerificationStore(database);
        deliveries = new DeliveryStore(database);
        RateLimiter rateLimiter = new RateLimiter(database);
        OnlineCheck online = new SessionOnlineCheck();

        Verifier verifier = new Verifier(settings, codes, rateLimiter,
                (username, channel, destination, subject, body) -> deliveries.enqueueCode(username, channel,
                        destination, subject, body, clock.instant()),
                limits, defaults, channel -> switch (channel) {
                    case EMAIL -> true;
                    case SMS -> sms.get().available();
                    case FAX -> fax.get().available();
                }, clock);
        CapNotices capNotices = new CapNotices(new XmppNotices(), rateLimiter);
        EmailSender email = new EmailSender(domain, () -> delivery.get().emailFrom(),
                () -> properties.seconds(EmailSender.TIMEOUT, EmailSender.DEFAULT_TIMEOUT, Duration.ofSeconds(1),
                        Duration.ofMinutes(10)));
        DeliveryProcessor processor = new DeliveryProcessor(deliveries, settings, online, capNotices, rateLimiter,
                Map.of(DeliveryChannel.EMAIL, email,
                        DeliveryChannel.SMS, new SmsSender(sms, new SmppSmsSender(), new HttpSmsSender(sms)),
                        DeliveryChannel.FAX, new FaxSender(fax, email)),
                delivery, limits, domain, clock);
        worker = new DeliveryWorker(deliveries, rateLimiter, processor, delivery, clock,
                DeliveryConfig.threads(properties));
        intake = new Intake(properties.integer(Intake.CAPACITY, Intake.DEFAULT_CAPACITY, 100, 1_000_000));
        DigestIntake digests = new DigestIntake(database, settings, deliveries, new RosterContacts(), online,
                delivery, limits, capNotices, clock);
        TriggerRule rule = new TriggerRule(domain);
        scan = new OfflineScan(new OfflineBacklog(database), rule, digests, intake, clock, OfflineScan.DEFAULT_GATHER);
        rescan = properties.seconds(OfflineScan.RESCAN, OfflineScan.DEFAULT_RESCAN, Duration.ofSeconds(10),
                Duration.ofDays(1));
        trigger = new OfflineTrigger(rule, scan);
        AwayTracker away = new AwayTracker(clock);
        awayTrigger = new AwayTrigger(rule, away, intake, digests, clock);
        presence = new PresenceWatcher(intake, digests, away);
        commands = new NotifyCommands(new CommandContext(settings, codes, deliveries, verifier, defaults, limits, sms,
                fax, intake::dropped, clock));
    }

    static OfflineRelay start(XMPPServer server) {
        OfflineRelay relay = new OfflineRelay(server);
        relay.worker.start();
        OfflineMessageStrategy.addListener(relay.trigger);
        // After the listener, so that no message falls between the first scan and the first report.
        relay.scan.start(relay.rescan);
        PresenceEventDispatcher.addListener(relay.presence);
        InterceptorManager.getInstance().addInterceptor(relay.awayTrigger);
        relay.commands.register(server.getAdHocCommandHandler());
        return relay;
    }

    /** The queue, for the admin console page. */
    DeliveryStore deliveries() {
        return deliveries;
    }

    void stop(XMPPServer server) {
        commands.unregister(server.getAdHocCommandHandler());
        InterceptorManager.getInstance().removeInterceptor(awayTrigger);
        PresenceEventDispatcher.removeListener(presence);
        OfflineMessageStrategy.removeListener(trigger);
        scan.stop();
        intake.stop();
        worker.stop();
    }
}
