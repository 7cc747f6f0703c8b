package im.tandem.openfire.delivery;

import java.time.Duration;

import im.tandem.openfire.config.PropertyReader;

/**
 * How the queue is worked, set by the admin; read again on every poll, so changes apply without a restart
 * (except the worker thread count, read at start).
 *
 * @param enabled        false stops taking new messages and sending anything; the queue is kept
 * @param pollInterval   how often a server looks for due deliveries
 * @param batchSize      at most this many deliveries are claimed per poll
 * @param lease          how long a claim lasts; after that another worker (or server) may take over
 * @param digestMessages how many messages a digest shows; the rest are counted
 * @param excerptChars   how much of a message's first line a digest shows
 * @param smsMaxChars    the longest SMS text sent
 * @param emailFrom      the From address of emails; empty means noreply@ the XMPP domain
 * @param retention      how long finished deliveries are kept for the admin's counts
 */
public record DeliveryConfig(boolean enabled, Duration pollInterval, int batchSize, Duration lease, Backoff backoff,
        int digestMessages, int excerptChars, int smsMaxChars, String emailFrom, Duration retention) {
    public static final String ENABLED = "tandem.notify.enabled";
    public static final String POLL = "tandem.notify.worker.poll.millis";
    public static final String THREADS = "tandem.notify.worker.threads";
    public static final String BATCH = "tandem.notify.worker.batch";
    public static final String LEASE = "tandem.notify.lease.seconds";
    public static final String DIGEST_MESSAGES = "tandem.notify.digest.messages";
    public static final String EXCERPT_CHARS = "tandem.notify.digest.excerptChars";
    public static final String SMS_MAX_CHARS = "tandem.notify.sms.maxChars";
    public static final String EMAIL_FROM = "tandem.notify.email.from";
    public static final String RETENTION = "tandem.notify.retention.days";

    /** A second: deliveries go out within a second of their hold-off, at the cost of one indexed query. */
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);
    /** Two senders: one slow SMTP or SMSC round trip does not hold up the other channel. */
    public static final int DEFAULT_THREADS = 2;
    /** Twenty per poll: far more than a server sends per second, yet a bounded query. */
    public static final int DEFAULT_BATCH = 20;
    /** Two minutes: well above an SMTP or SMPP round trip, short enough that a crashed server's work resumes soon. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);
    /** Five messages: enough to see who wrote and what about without the digest becoming the conversation. */
    public static final int DEFAULT_DIGEST_MESSAGES = 5;
    /** Two hundred characters of each message's first line. */
    public static final int DEFAULT_EXCERPT_CHARS = 200;
    /** One GSM-7 SMS: a longer text is split and billed as several. */
    public static final int DEFAULT_SMS_MAX_CHARS = 160;
    /** A month of history for the admin's counts. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    /** What tdmDeliveryItem.excerpt holds. */
    private static final int EXCERPT_COLUMN = 1000;

    public static DeliveryConfig load(PropertyReader properties) {
        return new DeliveryConfig(properties.bool(ENABLED, true),
                properties.millis(POLL, DEFAULT_POLL, Duration.ofMillis(100), Duration.ofMinutes(5)),
                properties.integer(BATCH, DEFAULT_BATCH, 1, 1000),
                properties.seconds(LEASE, DEFAULT_LEASE, Duration.ofSeconds(2), Duration.ofHours(1)),
                Backoff.load(properties),
                properties.integer(DIGEST_MESSAGES, DEFAULT_DIGEST_MESSAGES, 1, 100),
                properties.integer(EXCERPT_CHARS, DEFAULT_EXCERPT_CHARS, 10, EXCERPT_COLUMN),
                properties.integer(SMS_MAX_CHARS, DEFAULT_SMS_MAX_CHARS, 40, 1600),
                properties.string(EMAIL_FROM, ""),
                Duration.ofDays(properties.integer(RETENTION, (int) DEFAULT_RETENTION.toDays(), 1, 3650)));
    }

    /** Read once at start: the number of sender threads. */
    public static int threads(PropertyReader properties) {
        return properties.integer(THREADS, DEFAULT_THREADS, 1, 32);
    }
}
