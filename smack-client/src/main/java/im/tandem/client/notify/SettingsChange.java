package im.tandem.client.notify;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings to change; anything not set keeps its value on the server. The server checks every value
 * and answers each problem with an error naming the field.
 */
public final class SettingsChange {
    private final Map<String, List<String>> fields = new LinkedHashMap<>();

    public SettingsChange channels(Set<NotifyChannel> channels) {
        return field("channels", channels.stream().map(NotifyChannel::id).sorted().toList());
    }

    public SettingsChange holdOff(Duration holdOff) {
        return field("holdoff", List.of(Long.toString(holdOff.toSeconds())));
    }

    public SettingsChange digest(boolean digest) {
        return field("digest", List.of(digest ? "1" : "0"));
    }

    public SettingsChange quietHours(LocalTime start, LocalTime end) {
        return field("quiet_start", List.of(hhmm(start))).field("quiet_end", List.of(hhmm(end)));
    }

    public SettingsChange noQuietHours() {
        return field("quiet_start", List.of("")).field("quiet_end", List.of(""));
    }

    public SettingsChange timeZone(ZoneId zone) {
        return field("timezone", List.of(zone.getId()));
    }

    public SettingsChange paidFromNonContacts(boolean allowed) {
        return field("sms_non_contacts", List.of(allowed ? "1" : "0"));
    }

    /** Also relay what arrives once every device has been away this long. */
    public SettingsChange whenAway(Duration away) {
        return field("away", List.of(Long.toString(away.toSeconds())));
    }

    /** Relay only what arrives while offline, not while away. */
    public SettingsChange notWhenAway() {
        return field("away", List.of("0"));
    }

    /** Sets a field by its form name, as typed: for settings this class has no method for yet. */
    public SettingsChange field(String name, List<String> values) {
        fields.put(name, List.copyOf(values));
        return this;
    }

    Map<String, List<String>> fields() {
        return fields;
    }

    private static String hhmm(LocalTime time) {
        return String.format("%02d:%02d", time.getHour(), time.getMinute());
    }
}
