package im.tandem.openfire.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import im.tandem.openfire.config.PropertyReader;

/**
 * The country codes an admin allows SMS (or faxes) to, such as "+49, +43, +41". Empty allows none: SMS and faxes
 * cost money per message, and premium-rate destinations are how SMS pumping (and its fax twin) makes it, so every
 * destination is the admin's explicit choice. Each entry is a whole E.164 country code, matched against a number's
 * own country code: "+4" allows nothing and "+1" allows all of the North American Numbering Plan (the United
 * States, Canada and most of the Caribbean), which {@link #describe()} says so that the admin sees what a code
 * admits.
 */
public final class CountryAllowList {
    /** The countries SMS may go to. */
    public static final String SMS_PROPERTY = "tandem.notify.sms.allowedPrefixes";
    /** The countries faxes may go to: a list of its own, since fax gateways charge by country as SMS ones do. */
    public static final String FAX_PROPERTY = "tandem.notify.fax.allowedPrefixes";
    private static final Pattern ENTRY = Pattern.compile("\\+[0-9]+");

    private final List<String> codes;

    private CountryAllowList(List<String> codes) {
        this.codes = List.copyOf(codes);
    }

    /** The entries of a setting that are allowed, and why each of the others is left out. */
    public record Parsed(CountryAllowList list, List<String> rejected) {
        public Parsed {
            rejected = List.copyOf(rejected);
        }
    }

    /** Reads the property; entries that are not whole country codes are reported and left out. */
    public static CountryAllowList load(PropertyReader properties, String property) {
        String value = properties.string(property, "");
        Parsed parsed = parse(value);
        if (!parsed.rejected().isEmpty()) {
            properties.report(property, value, "a list of whole country codes such as +49, +43 ("
                    + String.join("; ", parsed.rejected()) + ")", "only the other entries");
        }
        return parsed.list();
    }

    /** Parses a setting's value without reporting: for showing it to the admin. */
    public static Parsed parse(String value) {
        List<String> codes = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (String raw : value.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            Optional<String> problem = problem(entry);
            if (problem.isPresent()) {
                rejected.add(problem.get());
            } else if (!codes.contains(entry.substring(1))) {
                codes.add(entry.substring(1));
            }
        }
        return new Parsed(new CountryAllowList(codes), rejected);
    }

    /** For tests: the list of these entries (such as "+49"), which must be whole country codes. */
    public static CountryAllowList of(String... entries) {
        Parsed parsed = parse(String.join(",", entries));
        if (!parsed.rejected().isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", parsed.rejected()));
        }
        return parsed.list();
    }

    private static Optional<String> problem(String entry) {
        if (!ENTRY.matcher(entry).matches()) {
            return Optional.of("'" + entry + "' is not a + and a country code");
        }
        String digits = entry.substring(1);
        if (CountryCodes.isAssigned(digits)) {
            return Optional.empty();
        }
        Optional<String> within = CountryCodes.of(entry);
        return Optional.of(within.isPresent()
                ? "'" + entry + "' is not a whole country code; its country code is +" + within.get() + " ("
                        + CountryCodes.reaches(within.get()).orElseThrow() + ")"
                : "'" + entry + "' is no assigned country code");
    }

    /** Whether an E.164 number's country code is one of those allowed. */
    public boolean allows(String e164) {
        return CountryCodes.of(e164).filter(codes::contains).isPresent();
    }

    /** Each allowed code with what it reaches, such as "+49: Germany", in the setting's order. */
    public List<String> admits() {
        return codes.stream().map(code -> "+" + code + ": " + CountryCodes.reaches(code).orElseThrow()).toList();
    }

    /** The allowed codes, each with what it reaches, or that there are none. */
    public String describe() {
        return codes.isEmpty() ? "none (the admin has not allowed any country)" : String.join("; ", admits());
    }
}
