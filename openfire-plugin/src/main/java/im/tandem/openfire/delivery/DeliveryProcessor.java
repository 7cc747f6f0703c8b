package im.tandem.openfire.delivery;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import im.tandem.openfire.limits.CountryAllowList;
import im.tandem.openfire.limits.LimitConfig;
import im.tandem.openfire.limits.RateLimiter;
import im.tandem.openfire.notify.DeliveryChannel;
import im.tandem.openfire.notify.NotifySettings;
import im.tandem.openfire.notify.QuietHours;
import im.tandem.openfire.notify.SettingsStore;
import im.tandem.openfire.pdf.FaxPage;

/**
 * Works one claimed delivery to its next state: checks that it is still wanted (the channel on, the user
 * still offline, outside quiet hours) and allowed (the caps, the SMS and fax allow-lists), sends it, and records the
 * outcome, all under the claim's token. Nothing escapes: a database error leaves the claim to expire, and the
 * delivery is taken up again.
 */
public final class DeliveryProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryProcessor.class);
    /** A delivery held back by the global cap waits a quarter of the cap's minute and is checked again. */
    static final Duration GLOBAL_CAP_WAIT = Duration.ofSeconds(15);
    static final String CODE_TEXT_GONE = "the code's text is no longer kept; the user must ask for a new code";

    private final DeliveryStore store;
    private final SettingsStore settings;
    private final OnlineCheck online;
    private final CapNotices notices;
    private final RateLimiter budgets;
    private final Map<DeliveryChannel, ChannelSender> senders;
    private final Supplier<DeliveryConfig> config;
    private final Supplier<LimitConfig> limits;
    private final String domain;
    private final Clock clock;

    public DeliveryProcessor(DeliveryStore store, SettingsStore settings, OnlineCheck online, CapNotices notices,
            RateLimiter budgets, Map<DeliveryChannel, ChannelSender> senders, Supplier<DeliveryConfig> config,
            Supplier<LimitConfig> limits, String domain, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.online = online;
        this.notices = notices;
        this.budgets = budgets;
        this.senders = Map.copyOf(senders);
        this.config = config;
        this.limits = limits;
        this.domain = domain;
        this.clock = clock;
    }

    public void process(Claim claim) {
        Delivery delivery = claim.delivery();
        try {
            if (delivery.kind() == DeliveryKind.DIGEST) {
                processDigest(claim);
            } else if (delivery.body().isEmpty()) {
                // Only a finished code loses its text, and nothing takes one up again (DeliveryStore#retryFailed
                // leaves failed codes out); should one come anyway, it is not sent empty.
                store.markCancelled(claim, CODE_TEXT_GONE, clock.instant());
            } else {
                // A code drew on the SMS budgets when it was requested.
                send(claim, delivery.destination().orElseThrow(), codeMessage(delivery), List.of());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Delivery {} ({} to {}) hit an error and is taken up again when its lease ends: {}",
                    delivery.id(), delivery.channel().id(), delivery.username(), e.toString());
        }
    }

    private void processDigest(Claim claim) throws SQLException {
        Delivery delivery = claim.delivery();
        Instant now = clock.instant();
        Optional<NotifySettings> found = settings.find(delivery.username());
        if (found.isEmpty() || !found.get().active(delivery.channel())) {
            store.markCancelled(claim, "delivery by " + delivery.channel().id() + " was switched off", now);
            return;
        }
        NotifySettings user = found.get();
        // A user reached while away is online all along: only their coming back makes the digest pointless.
        if (user.whenAway().isPresent() ? online.isPresent(delivery.username()) : online.isOnline(delivery.username())) {
            store.markCancelled(claim, "the user came online", now);
            return;
        }
        Instant allowed = user.quietHours().map(quiet -> quiet.nextAllowed(now, user.zone())).orElse(now);
        if (allowed.isAfter(now)) {
            store.retryAt(claim, allowed, "quiet hours until "
                    + QuietHours.format(allowed.atZone(user.zone()).toLocalTime()), false);
            return;
        }
        LimitConfig limit = limits.get();
        String destination = user.address(delivery.channel()).orElseThrow();
        int cap = delivery.channel().dailyCap(limit);
        if (store.sentDigestsSince(delivery.username(), delivery.channel(), now.minus(LimitConfig.DAY)) >= cap) {
            refuse(claim, "the daily limit of " + cap + " " + delivery.channel().id() + " digests is reached", now);
            return;
        }
        Optional<CountryAllowList> destinations = delivery.channel().allowedDestinations(limit);
        if (destinations.isPresent() && !destinations.get().allows(destination)) {
            refuse(claim, delivery.channel().sentenceSubject() + " to " + destination
                    + " is no longer allowed on this server (allowed country codes: " + destinations.get().describe()
                    + ")", now);
            return;
        }
        send(claim, destination, digestMessage(delivery, destination, user),
                delivery.channel() == DeliveryChannel.SMS ? limit.smsBudget(destination) : List.of());
    }

    /**
     * Sends unless the global cap defers it or one of the daily {@code budgets} is used up. The budgets are
     * drawn on last, so that a deferred delivery does not draw twice; a failed attempt still counts.
     */
    private void send(Claim claim, String destination, OutboundMessage message, List<RateLimiter.Limit> budget)
            throws SQLException {
        Delivery delivery = claim.delivery();
        Instant now = clock.instant();
        LimitConfig limit = limits.get();
        // The count includes this delivery, which is being sent.
        if (store.sentOrSendingSince(now.minus(LimitConfig.MINUTE)) > limit.globalPerMinute()) {
            store.retryAt(claim, now.plus(GLOBAL_CAP_WAIT), "the server's limit of " + limit.globalPerMinute()
                    + " deliveries per minute is reached", false);
            return;
        }
        if (!budget.isEmpty()) {
            Optional<RateLimiter.Refusal> spent = budgets.tryAcquire(budget, now);
            if (spent.isPresent()) {
                refuse(claim, "the daily budget of " + spent.get().limit().max() + " "
                        + spent.get().limit().description() + " is used up", now);
                return;
            }
        }
        SendResult result = senders.get(delivery.channel()).send(message);
        Instant done = clock.instant();
        if (result.status() == SendResult.Status.SENT) {
            // One line per delivery handed over: in a cluster, each node's log tells what that node sent.
            LOG.info("Delivery {} ({} {} to {}, attempt {}) handed over", delivery.id(), delivery.channel().id(),
                    delivery.kind().id(), delivery.username(), delivery.attempts());
        }
        boolean recorded = switch (result.status()) {
            case SENT -> store.markSent(claim, destination, done);
            case GIVE_UP -> store.markFailed(claim, result.detail(), done);
            case TRY_AGAIN -> retryOrGiveUp(claim, result.detail(), done);
        };
        if (!recorded) {
            LOG.warn("Delivery {} outlived its lease while being sent ({}); another worker has it now",
                    delivery.id(), result.status());
        }
    }

    private boolean retryOrGiveUp(Claim claim, String reason, Instant now) throws SQLException {
        Backoff backoff = config.get().backoff();
        int attempts = claim.delivery().attempts();
        if (backoff.exhausted(attempts)) {
            return store.markFailed(claim, "gave up after " + attempts + " attempts; last: " + reason, now);
        }
        return store.retryAt(claim, now.plus(backoff.delayAfter(attempts)), reason, true);
    }

    private void refuse(Claim claim, String reason, Instant now) throws SQLException {
        Delivery delivery = claim.delivery();
        store.markFailed(claim, reason, now);
        notices.tell(delivery.username(), delivery.channel(), count(delivery.itemCount()) + " not sent to you by "
                + delivery.channel().id() + ": " + reason + ".", now);
    }

    private OutboundMessage digestMessage(Delivery delivery, String destination, NotifySettings user)
            throws SQLException {
        DeliveryConfig settings = config.get();
        List<DigestItem> shown = store.items(delivery.id(), settings.digestMessages());
        if (delivery.channel() == DeliveryChannel.EMAIL) {
            DigestComposer.EmailText email = DigestComposer.email(delivery.username() + "@" + domain,
                    delivery.itemCount(), shown, user.zone());
            return new OutboundMessage(delivery.id(), DeliveryChannel.EMAIL, destination, Optional.of(email.subject()),
                    email.text(), Optional.of(email.html()));
        }
        if (delivery.channel() == DeliveryChannel.FAX) {
            FaxPage page = DigestComposer.fax(domain, delivery.username() + "@" + domain, delivery.itemCount(), shown,
                    user.zone());
            return new OutboundMessage(delivery.id(), DeliveryChannel.FAX, destination, Optional.of(page.title()), "",
                    Optional.empty(), Optional.of(page));
        }
        return new OutboundMessage(delivery.id(), DeliveryChannel.SMS, destination, Optional.empty(),
                DigestComposer.sms(delivery.itemCount(), shown, settings.smsMaxChars()), Optional.empty());
    }

    private OutboundMessage codeMessage(Delivery delivery) {
        String body = delivery.body().orElse("");
        if (delivery.channel() != DeliveryChannel.FAX) {
            return new OutboundMessage(delivery.id(), delivery.channel(), delivery.destination().orElseThrow(),
                    delivery.subject(), body, Optional.empty());
        }
        // A fax code's body is the code on its first line, then what it is for (see Verifier).
        List<String> lines = body.lines().toList();
        String subject = delivery.subject().orElse("");
        FaxPage page = new FaxPage(subject, lines.isEmpty() ? "" : lines.get(0),
                List.of(new FaxPage.Field("Server", domain),
                        new FaxPage.Field("For", delivery.username() + "@" + domain)),
                List.of(new FaxPage.Block("", lines.isEmpty() ? List.of() : lines.subList(1, lines.size()))),
                "Sent by the Tandem service of " + domain + ".");
        return new OutboundMessage(delivery.id(), DeliveryChannel.FAX, delivery.destination().orElseThrow(),
                delivery.subject(), "", Optional.empty(), Optional.of(page));
    }

    private static String count(int messages) {
        return messages == 1 ? "1 offline message was" : messages + " offline messages were";
    }
}
