package im.tandem.openfire.notify;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import im.tandem.openfire.limits.CountryAllowList;
import im.tandem.openfire.limits.LimitConfig;
import im.tandem.openfire.limits.RateLimiter;

/**
 * Proves that an address belongs to the user before anything is sent to it but the code: the user asks
 * for a code, it is sent to the address, and the address is stored only when the code comes back. Each
 * step is limited (codes per account and per address, attempts, lifetime) and every refusal says why.
 */
public final class Verifier {
    private final SettingsStore settings;
    private final VerificationStore codes;
    private final RateLimiter rateLimiter;
    private final CodeOutbox outbox;
    private final Supplier<LimitConfig> limits;
    private final Supplier<UserDefaults> defaults;
    private final Predicate<DeliveryChannel> transportReady;
    private final Clock clock;
    private final OneTimeCodes generator = new OneTimeCodes();

    public Verifier(SettingsStore settings, VerificationStore codes, RateLimiter rateLimiter, CodeOutbox outbox,
            Supplier<LimitConfig> limits, Supplier<UserDefaults> defaults, Predicate<DeliveryChannel> transportReady,
            Clock clock) {
        this.settings = settings;
        this.codes = codes;
        this.rateLimiter = rateLimiter;
        this.outbox = outbox;
        this.limits = limits;
        this.defaults = defaults;
        this.transportReady = transportReady;
        this.clock = clock;
    }

    /** Checks the address and the limits, then sends a fresh code to it. */
    public VerificationReply requestCode(String username, DeliveryChannel channel, String typedAddress)
            throws SQLException {
        String address;
        try {
            address = channel == DeliveryChannel.EMAIL ? EmailAddress.parse(typedAddress)
                    : PhoneNumber.parse(typedAddress);
        } catch (InvalidValueException e) {
            return VerificationReply.refused("address: " + e.getMessage());
        }
        LimitConfig config = limits.get();
        if (channel.paid()) {
            String what = channel == DeliveryChannel.SMS ? "SMS" : "Fax";
            if (!transportReady.test(channel)) {
                return VerificationReply.refused(what + " is not available on this server: the admin has not set up"
                        + " " + (channel == DeliveryChannel.SMS ? "an SMS" : "a fax") + " transport");
            }
            CountryAllowList allowed = channel.allowedDestinations(config).orElseThrow();
            if (!allowed.allows(address)) {
                return VerificationReply.refused(channel.sentenceSubject() + " to " + address
                        + " is not allowed on this server; allowed country codes: " + allowed.describe());
            }
        }
        Instant now = clock.instant();
        List<RateLimiter.Limit> limited = new ArrayList<>(List.of(
                new RateLimiter.Limit("code-account:" + username, config.codesPerAccountPerHour(),
                        LimitConfig.CODE_WINDOW, "codes for this account"),
                new RateLimiter.Limit("code-destination:" + fingerprint(channel, address),
                        config.codesPerDestinationPerHour(), LimitConfig.CODE_WINDOW, "codes to " + address)));
        if (channel == DeliveryChannel.SMS) {
            // A code costs what a digest does: it draws on the same daily budgets.
            limited.addAll(config.smsBudget(address));
        }
        Optional<RateLimiter.Refusal> refusal = rateLimiter.tryAcquire(limited, now);
        if (refusal.isPresent()) {
            RateLimiter.Refusal limit = refusal.get();
            return VerificationReply.refused("Too many " + limit.limit().description() + " (at most "
                    + limit.limit().max() + " per " + (limit.limit().window().equals(LimitConfig.DAY) ? "day" : "hour")
                    + "); try again in " + waitFor(limit.retryAfter()) + ".");
        }
        String code = generator.newCode();
        codes.put(new PendingCode(username, channel, address, OneTimeCodes.hash(username, channel, address, code),
                config.codeAttempts(), now.plus(config.codeTtl())), now);
        String validity = minutes(config.codeTtl());
        switch (channel) {
            case EMAIL -> outbox.queue(username, channel, address, "Your Tandem verification code: " + code,
                    "Your code to confirm this address for " + username + " is " + code + ".\n"
                            + "It is valid for " + validity + ". If you did not ask for it, ignore this message.");
            case SMS -> outbox.queue(username, channel, address, null,
                    "Tandem code: " + code + " (valid " + validity + ")");
            // The page shows the first line large: the code alone, to be read off a blurred fax.
            case FAX -> outbox.queue(username, channel, address, "Tandem verification code",
                    code + "\nYour code to confirm this fax number for " + username + ". It is valid for " + validity
                            + ".\nEnter it with the verify command. If you did not ask for it, ignore this fax.");
        }
        return VerificationReply.done("A " + OneTimeCodes.DIGITS + "-digit code is on its way to " + address
                + "; it is valid for " + validity + ". Enter it with the verify command.");
    }

    /** Checks a code the user typed; on success the address is stored and the channel switched on. */
    public VerificationReply confirm(String username, DeliveryChannel channel, String typedCode) throws SQLException {
        String code = typedCode == null ? "" : typedCode.replaceAll("\\s", "");
        if (!code.matches("[0-9]{" + OneTimeCodes.DIGITS + "}")) {
            return VerificationReply.refused(
                    "code: the code is the " + OneTimeCodes.DIGITS + " digits that were sent to you");
        }
        Optional<PendingCode> waiting = codes.find(username, channel);
        if (waiting.isEmpty()) {
            return VerificationReply.refused(
                    "No code is waiting for " + channel.id() + "; ask for one with the address command first.");
        }
        PendingCode pending = waiting.get();
        if (!clock.instant().isBefore(pending.expiresAt())) {
            codes.delete(username, channel);
            return VerificationReply.refused("The code has expired; ask for a new one.");
        }
        if (!codes.useAttempt(username, channel)) {
            return VerificationReply.refused("Too many wrong codes; ask for a new one.");
        }
        if (!OneTimeCodes.matches(pending.codeHash(),
                OneTimeCodes.hash(username, channel, pending.destination(), code))) {
            int left = pending.attemptsLeft() - 1;
            return VerificationReply.refused(
                    left > 0 ? "Wrong code; " + left + (left == 1 ? " attempt" : " attempts") + " left."
                            : "Wrong code, and no attempts are left; ask for a new one.");
        }
        codes.delete(username, channel);
        NotifySettings current = settings.find(username).orElseGet(() -> NotifySettings.fresh(username, defaults.get()));
        settings.save(current.withVerifiedAddress(channel, pending.destination()));
        return VerificationReply.done(pending.destination() + " is verified; offline messages will also reach you by "
                + channel.id() + ".");
    }

    /**
     * Rate keys hold a hash of the address, so the table is no list of people's phone numbers. An email
     * address is hashed in lower case: mail servers deliver Victim@ and victim@ to one mailbox, so the two
     * must share one limit.
     */
    private static String fingerprint(DeliveryChannel channel, String address) {
        return OneTimeCodes.sha256Hex(channel == DeliveryChannel.EMAIL ? address.toLowerCase(Locale.ROOT) : address);
    }

    /** A wait in minutes, or in hours once it is longer than two. */
    static String waitFor(Duration duration) {
        long hours = (duration.toMinutes() + 59) / 60;
        return hours > 2 ? hours + " hours" : minutes(duration);
    }

    static String minutes(Duration duration) {
        long minutes = Math.max(1, (duration.toSeconds() + 59) / 60);
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
