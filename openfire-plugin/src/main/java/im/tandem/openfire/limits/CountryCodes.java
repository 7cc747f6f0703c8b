package im.tandem.openfire.limits;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The E.164 country calling codes and what each reaches, read from country-codes.txt beside this class. A
 * code is one to three digits and no code starts another, so an E.164 number has exactly one, found by
 * trying its first one, two and three digits.
 */
public final class CountryCodes {
    private static final String RESOURCE = "country-codes.txt";
    /** E.164: country codes have one to three digits. */
    private static final int LONGEST = 3;
    private static final Map<String, String> REACHES = load();

    private CountryCodes() {
    }

    /** The country code (digits, no plus) of an E.164 number such as +4915112345678; empty if none is assigned. */
    public static Optional<String> of(String e164) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        for (int length = 1; length <= Math.min(LONGEST, digits.length()); length++) {
            String candidate = digits.substring(0, length);
            if (REACHES.containsKey(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Whether the digits are an assigned country code. */
    public static boolean isAssigned(String code) {
        return REACHES.containsKey(code);
    }

    /** What the code reaches, such as "Germany"; empty for a code that is not assigned. */
    public static Optional<String> reaches(String code) {
        return Optional.ofNullable(REACHES.get(code));
    }

    /** Every code in the table with what it reaches, in the table's order. */
    static Map<String, String> all() {
        return REACHES;
    }

    private static Map<String, String> load() {
        Map<String, String> codes = new LinkedHashMap<>();
        try (InputStream in = CountryCodes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the plugin");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                if (parts.length != 2 || !parts[0].matches("[1-9][0-9]{0," + (LONGEST - 1) + "}")
                        || codes.put(parts[0], parts[1].trim()) != null) {
                    throw new IllegalStateException(RESOURCE + " has a malformed or repeated line: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(codes);
    }
}
