package im.tandem.openfire.notify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import im.tandem.openfire.storage.ConnectionSource;
import im.tandem.openfire.storage.Sql;

/** Users' extension-delivery settings in tdmNotifySettings. */
public final class SettingsStore {
    private static final String SELECT = "SELECT username, email, phone, fax, channels, holdOffSeconds, digest,"
            + " quietStart, quietEnd, timeZone, smsNonContacts, awaySeconds FROM tdmNotifySettings WHERE username = ?";
    private static final String UPDATE = "UPDATE tdmNotifySettings SET email = ?, phone = ?, fax = ?, channels = ?,"
            + " holdOffSeconds = ?, digest = ?, quietStart = ?, quietEnd = ?, timeZone = ?, smsNonContacts = ?,"
            + " awaySeconds = ?, updatedAt = ? WHERE username = ?";
    private static final String INSERT = "INSERT INTO tdmNotifySettings (email, phone, fax, channels, holdOffSeconds,"
            + " digest, quietStart, quietEnd, timeZone, smsNonContacts, awaySeconds, updatedAt, username)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final ConnectionSource database;
    private final Clock clock;

    public SettingsStore(ConnectionSource database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Optional<NotifySettings> find(String username) throws SQLException {
        return Sql.once(database, connection -> find(connection, username));
    }

    /** Inserts or replaces the user's row. */
    public void save(NotifySettings settings) throws SQLException {
        Sql.inTransaction(database, connection -> {
            Object[] values = values(settings);
            if (Sql.update(connection, UPDATE, values) == 0) {
                Sql.update(connection, INSERT, values);
            }
            return null;
        });
    }

    /** Forgets everything about the user's extension delivery. */
    public void delete(String username) throws SQLException {
        Sql.once(database, connection -> Sql.update(connection, "DELETE FROM tdmNotifySettings WHERE username = ?",
                username));
    }

    private static Optional<NotifySettings> find(Connection connection, String username) throws SQLException {
        List<NotifySettings> rows = Sql.query(connection, SELECT, SettingsStore::map, username);
        return rows.stream().findFirst();
    }

    private Object[] values(NotifySettings settings) {
        return new Object[] {
            settings.email().orElse(null),
            settings.phone().orElse(null),
            settings.fax().orElse(null),
            settings.channels().stream().map(DeliveryChannel::id).sorted().collect(Collectors.joining(",")),
            (int) settings.holdOff().toSeconds(),
            settings.digest(),
            settings.quietHours().map(quiet -> QuietHours.format(quiet.start())).orElse(null),
            settings.quietHours().map(quiet -> QuietHours.format(quiet.end())).orElse(null),
            settings.zone().getId(),
            settings.paidFromNonContacts(),
            settings.whenAway().map(away -> (int) away.toSeconds()).orElse(0),
            clock.millis(),
            settings.username(),
        };
    }

    private static NotifySettings map(ResultSet row) throws SQLException {
        Set<DeliveryChannel> channels = EnumSet.noneOf(DeliveryChannel.class);
        for (String id : row.getString("channels").split(",")) {
            DeliveryChannel.byId(id).ifPresent(channels::add);
        }
        return new NotifySettings(row.getString("username"), Optional.ofNullable(row.getString("email")),
                Optional.ofNullable(row.getString("phone")), Optional.ofNullable(row.getString("fax")), channels,
                Duration.ofSeconds(row.getInt("holdOffSeconds")), row.getInt("digest") != 0,
                quietHours(row.getString("quietStart"), row.getString("quietEnd")), zone(row.getString("timeZone")),
                row.getInt("smsNonContacts") != 0, whenAway(row.getInt("awaySeconds")));
    }

    /** Rows are written only from validated forms; a row edited by hand that no longer parses means "none". */
    private static Optional<QuietHours> quietHours(String start, String end) {
        if (start == null || end == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new QuietHours(QuietHours.parseTime(start), QuietHours.parseTime(end)));
        } catch (InvalidValueException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** 0 (and anything not positive, in a row edited by hand) means off. */
    private static Optional<Duration> whenAway(int seconds) {
        return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return UserDefaults.DEFAULT_ZONE;
        }
    }
}
