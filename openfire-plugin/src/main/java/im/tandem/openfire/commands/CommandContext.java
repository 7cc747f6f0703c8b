package im.tandem.openfire.commands;

import java.time.Clock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import im.tandem.openfire.delivery.DeliveryStore;
import im.tandem.openfire.delivery.FaxConfig;
import im.tandem.openfire.delivery.SmsConfig;
import im.tandem.openfire.limits.LimitConfig;
import im.tandem.openfire.notify.SettingsStore;
import im.tandem.openfire.notify.UserDefaults;
import im.tandem.openfire.notify.VerificationStore;
import im.tandem.openfire.notify.Verifier;

/**
 * What the commands work on: the stores, the verifier and the admin's current settings.
 *
 * @param intakeDropped events the intake had to drop since the plugin started (its queue was full)
 */
public record CommandContext(SettingsStore settings, VerificationStore codes, DeliveryStore deliveries,
        Verifier verifier, Supplier<UserDefaults> defaults, Supplier<LimitConfig> limits, Supplier<SmsConfig> sms,
        Supplier<FaxConfig> fax, LongSupplier intakeDropped, Clock clock) {
}
