package im.tandem.ice.nat;

import im.tandem.ice.net.SocketAddresses;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one discovery run.
 *
 * @param server        the STUN server's primary address
 * @param local         the local address the mapping tests were sent from
 * @param natType       the classic type; empty when it could not be determined (see {@link #reason()})
 * @param mappedAddress the server-reflexive address of {@code local}, if the server answered
 * @param elapsed       wall-clock time of the whole run
 * @param reason        why anything is unknown; empty when the run determined everything
 */
public record NatDiscoveryResult(InetSocketAddress server, InetSocketAddress local, Optional<NatType> natType,
                                 MappingBehavior mapping, FilteringBehavior filtering,
                                 Optional<InetSocketAddress> mappedAddress, Duration elapsed,
                                 Optional<String> reason) {

    public NatDiscoveryResult {
        if (server == null || local == null || natType == null || mapping == null || filtering == null
                || mappedAddress == null || elapsed == null || reason == null) {
            throw new IllegalArgumentException("all NatDiscoveryResult fields are required (use Optional.empty())");
        }
    }

    /** One JSON object with every field; absent values are {@code null}, durations in milliseconds. */
    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("server", SocketAddresses.format(server));
        fields.put("local", SocketAddresses.format(local));
        fields.put("natType", natType.map(Enum::name).orElse(null));
        fields.put("mapping", mapping.name());
        fields.put("filtering", filtering.name());
        fields.put("mappedAddress", mappedAddress.map(SocketAddresses::format).orElse(null));
        fields.put("elapsedMillis", elapsed.toMillis());
        fields.put("reason", reason.orElse(null));
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quote(name)).append(':');
            if (value == null) {
                json.append("null");
            } else if (value instanceof Number) {
                json.append(value);
            } else {
                json.append(quote(value.toString()));
            }
        });
        return json.append('}').toString();
    }

    /** RFC 8259 string escaping: quote, backslash and all control characters. */
    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
