package im.tandem.it.nat;

import im.tandem.ice.nat.FilteringBehavior;
import im.tandem.ice.nat.MappingBehavior;
import im.tandem.ice.nat.NatType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON object {@code NatCommand --json} prints, read back. The object is flat and its values are strings,
 * numbers or null, so a pattern per member reads it exactly.
 *
 * @param mappedAddress the mapped address as printed, {@code ip:port}
 */
record NatCommandReport(Optional<NatType> natType, MappingBehavior mapping, FilteringBehavior filtering,
                        Optional<String> mappedAddress, Optional<String> reason) {

    private static final Pattern MEMBER = Pattern.compile("\"(\\w+)\":(?:null|(-?\\d+)|\"((?:[^\"\\\\]|\\\\.)*)\")");

    /** Reads the one line of {@code output} that holds the object; anything else the JVM printed is ignored. */
    static NatCommandReport parse(String output) {
        String json = output.lines().filter(line -> line.startsWith("{")).findFirst().orElseThrow(
                () -> new IllegalArgumentException("NatCommand printed no JSON object:\n" + output));
        Map<String, String> members = new HashMap<>();
        Matcher matcher = MEMBER.matcher(json);
        while (matcher.find()) {
            String value = matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
            members.put(matcher.group(1), value);
        }
        String mapping = members.get("mapping");
        String filtering = members.get("filtering");
        if (mapping == null || filtering == null) {
            throw new IllegalArgumentException("NatCommand's JSON lacks mapping or filtering: " + json);
        }
        return new NatCommandReport(Optional.ofNullable(members.get("natType")).map(NatType::valueOf),
                MappingBehavior.valueOf(mapping), FilteringBehavior.valueOf(filtering),
                Optional.ofNullable(members.get("mappedAddress")), Optional.ofNullable(members.get("reason")));
    }

    /** The IP of the mapped address, without the port. */
    Optional<String> mappedIp() {
        return mappedAddress.map(address -> address.substring(0, address.lastIndexOf(':')));
    }
}
