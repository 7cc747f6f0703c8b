package im.tandem.openfire.limits;

import java.time.Duration;
import java.util.List;

import im.tandem.openfire.config.PropertyReader;

/**
 * The abuse limits, all set by the admin. SMS pumping (someone making the server send codes or digests to
 * numbers that earn them money), and the same by fax, is what most of them are for.
 *
 * @param codeTtl                  how long a one-time code is valid
 * @param codeAttempts             wrong guesses allowed per code
 * @param codesPerAccountPerHour   codes one account may request per hour, over all addresses
 * @param codesPerDestinationPerHour codes one address may receive per hour, over all accounts
 * @param emailDailyCap            digests per user per rolling 24 hours by email
 * @param smsDailyCap              digests per user per rolling 24 hours by SMS
 * @param globalPerMinute          deliveries of any kind per minute over the whole server (or cluster)
 * @param messagesDailyCap         messages taken into one user's digests per channel per rolling 24 hours
 * @param smsServerDaily           SMS of any kind (codes and digests) per rolling 24 hours over the whole server
 * @param smsCountryDaily          SMS of any kind per rolling 24 hours to the numbers of any one country code
 * @param smsAllowList             the country codes SMS may go to
 * @param faxDailyCap              digests per user per rolling 24 hours by fax
 * @param faxAllowList             the country codes faxes may go to
 */
public record LimitConfig(Duration codeTtl, int codeAttempts, int codesPerAccountPerHour,
        int codesPerDestinationPerHour, int emailDailyCap, int smsDailyCap, int globalPerMinute, int messagesDailyCap,
        int smsServerDaily, int smsCountryDaily, CountryAllowList smsAllowList, int faxDailyCap,
        CountryAllowList faxAllowList) {
    public static final String CODE_TTL = "tandem.notify.code.ttl.seconds";
    public static final String CODE_ATTEMPTS = "tandem.notify.code.attempts";
    public static final String CODES_PER_ACCOUNT = "tandem.notify.code.perAccountPerHour";
    public static final String CODES_PER_DESTINATION = "tandem.notify.code.perDestinationPerHour";
    public static final String EMAIL_DAILY_CAP = "tandem.notify.cap.email.daily";
    public static final String SMS_DAILY_CAP = "tandem.notify.cap.sms.daily";
    public static final String FAX_DAILY_CAP = "tandem.notify.cap.fax.daily";
    public static final String GLOBAL_PER_MINUTE = "tandem.notify.cap.global.perMinute";
    public static final String MESSAGES_DAILY_CAP = "tandem.notify.cap.messages.daily";
    public static final String SMS_SERVER_DAILY = "tandem.notify.sms.budget.daily";
    public static final String SMS_COUNTRY_DAILY = "tandem.notify.sms.budget.perCountry.daily";

    /** Ten minutes: enough to switch to the mail app and back, short enough that a leaked code expires. */
    public static final Duration DEFAULT_CODE_TTL = Duration.ofMinutes(10);
    /** Five guesses of a six-digit code leave a one-in-200,000 chance. */
    public static final int DEFAULT_CODE_ATTEMPTS = 5;
    /** Five codes an hour cover typos in the address and a lost message, not a pumping script. */
    public static final int DEFAULT_CODES_PER_ACCOUNT = 5;
    /** Three codes an hour to one address: nobody needs more, and it stops one account list bombing it. */
    public static final int DEFAULT_CODES_PER_DESTINATION = 3;
    /** Fifty emails a day: every half hour, around the clock, is already more than a digest should be. */
    public static final int DEFAULT_EMAIL_DAILY_CAP = 50;
    /** Ten SMS a day: each one costs money. */
    public static final int DEFAULT_SMS_DAILY_CAP = 10;
    /** Three faxes a day: each costs money and paper, and a fax machine is not a chat window. */
    public static final int DEFAULT_FAX_DAILY_CAP = 3;
    /** Sixty a minute keeps a small server's outgoing mail and SMS bill bounded if something goes wrong. */
    public static final int DEFAULT_GLOBAL_PER_MINUTE = 60;
    /**
     * Two hundred messages a day into one user's digests per channel: far more than a digest shows (it counts
     * the rest), and a bound on what a flood of messages to an away user stores.
     */
    public static final int DEFAULT_MESSAGES_DAILY_CAP = 200;
    /** A hundred SMS a day for the whole server: ten users at their SMS cap; a pumping script hits it first. */
    public static final int DEFAULT_SMS_SERVER_DAILY = 100;
    /** Fifty a day to any one country: no single destination country can take the whole budget. */
    public static final int DEFAULT_SMS_COUNTRY_DAILY = 50;
    /** The window of the per-account and per-destination code limits. */
    public static final Duration CODE_WINDOW = Duration.ofHours(1);
    /** The window of the daily caps: rolling, so a cap cannot be doubled around midnight. */
    public static final Duration DAY = Duration.ofDays(1);
    /** The window of the global cap. */
    public static final Duration MINUTE = Duration.ofMinutes(1);

    /**
     * The daily SMS budgets one SMS to the number draws on: the server's and that of the number's country code.
     * Only for numbers the allow-list admits, which all have a country code.
     */
    public List<RateLimiter.Limit> smsBudget(String e164) {
        String country = CountryCodes.of(e164).orElseThrow(
                () -> new IllegalArgumentException(e164 + " has no assigned country code"));
        return List.of(new RateLimiter.Limit("sms-budget", smsServerDaily, DAY, "SMS from this server"),
                new RateLimiter.Limit("sms-budget:+" + country, smsCountryDaily, DAY, "SMS to +" + country + " ("
                        + CountryCodes.reaches(country).orElseThrow() + ")"));
    }

    public static LimitConfig load(PropertyReader properties) {
        return new LimitConfig(
                properties.seconds(CODE_TTL, DEFAULT_CODE_TTL, Duration.ofMinutes(1), Duration.ofDays(1)),
                properties.integer(CODE_ATTEMPTS, DEFAULT_CODE_ATTEMPTS, 1, 20),
                properties.integer(CODES_PER_ACCOUNT, DEFAULT_CODES_PER_ACCOUNT, 1, 1000),
                properties.integer(CODES_PER_DESTINATION, DEFAULT_CODES_PER_DESTINATION, 1, 1000),
                properties.integer(EMAIL_DAILY_CAP, DEFAULT_EMAIL_DAILY_CAP, 0, 100_000),
                properties.integer(SMS_DAILY_CAP, DEFAULT_SMS_DAILY_CAP, 0, 100_000),
                properties.integer(GLOBAL_PER_MINUTE, DEFAULT_GLOBAL_PER_MINUTE, 1, 1_000_000),
                properties.integer(MESSAGES_DAILY_CAP, DEFAULT_MESSAGES_DAILY_CAP, 1, 100_000),
                properties.integer(SMS_SERVER_DAILY, DEFAULT_SMS_SERVER_DAILY, 1, 10_000_000),
                properties.integer(SMS_COUNTRY_DAILY, DEFAULT_SMS_COUNTRY_DAILY, 1, 10_000_000),
                CountryAllowList.load(properties, CountryAllowList.SMS_PROPERTY),
                properties.integer(FAX_DAILY_CAP, DEFAULT_FAX_DAILY_CAP, 0, 100_000),
                CountryAllowList.load(properties, CountryAllowList.FAX_PROPERTY));
    }
}
