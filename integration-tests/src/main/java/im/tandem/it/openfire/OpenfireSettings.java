package im.tandem.it.openfire;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a harnessed Openfire is set up with: its domain, its client port, the users it must have, any
 * extra Openfire system properties and, optionally, an external database. Immutable; build one with
 * {@link #builder()}.
 */
public final class OpenfireSettings {
    /** The domain a newcomer's clients expect: `alice@localhost`. */
    public static final String DEFAULT_DOMAIN = "localhost";

    private final String domain;
    private final int clientPort;
    private final List<UserAccount> users;
    private final Map<String, String> properties;
    private final boolean pluginInstalled;
    private final ExternalDatabase database;

    private OpenfireSettings(Builder builder) {
        this.domain = builder.domain;
        this.clientPort = builder.clientPort;
        this.users = List.copyOf(builder.users);
        this.properties = Map.copyOf(builder.properties);
        this.pluginInstalled = builder.pluginInstalled;
        this.database = builder.database;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String domain() {
        return domain;
    }

    /** The c2s port, or 0 when the harness should pick a free one. */
    public int clientPort() {
        return clientPort;
    }

    public List<UserAccount> users() {
        return users;
    }

    /** Openfire system properties applied on every boot, after the harness's own defaults. */
    public Map<String, String> properties() {
        return properties;
    }

    /** False for a plain Openfire, the baseline that tests and benchmarks compare the plugin against. */
    public boolean pluginInstalled() {
        return pluginInstalled;
    }

    /** The external database, or empty for the embedded HSQLDB file database in the Openfire home. */
    public Optional<ExternalDatabase> database() {
        return Optional.ofNullable(database);
    }

    public Builder toBuilder() {
        Builder builder = new Builder().domain(domain).clientPort(clientPort).pluginInstalled(pluginInstalled);
        users.forEach(builder::user);
        properties.forEach(builder::property);
        builder.database = database;
        return builder;
    }

    /**
     * A PostgreSQL database Openfire keeps its data in instead of its embedded one, for instance one that
     * several servers share. Openfire creates its tables there on first boot if the database is empty.
     */
    public record ExternalDatabase(String jdbcUrl, String user, String password) {
        /** The only external database the harness lays out a schema for. */
        static final String URL_PREFIX = "jdbc:postgresql://";

        public ExternalDatabase {
            if (jdbcUrl == null || !jdbcUrl.startsWith(URL_PREFIX) || jdbcUrl.chars().anyMatch(c -> c <= ' ')) {
                throw new IllegalArgumentException("the database URL must be a PostgreSQL JDBC URL such as "
                        + URL_PREFIX + "127.0.0.1:5432/openfire, got '" + jdbcUrl + "'");
            }
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("the database user of " + jdbcUrl + " must not be empty");
            }
            if (password == null || password.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("the database password of " + jdbcUrl + " must be one line");
            }
        }
    }

    /** A user account to create when it does not exist yet. */
    public record UserAccount(String username, String password) {
        public UserAccount {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            if (username.isEmpty() || !username.equals(username.toLowerCase(java.util.Locale.ROOT))
                    || username.chars().anyMatch(c -> c <= ' ' || "@/:\"&'<>".indexOf(c) >= 0)) {
                throw new IllegalArgumentException("user name '" + username
                        + "' is not a valid XMPP local part: use lower-case letters, digits, '.', '-' or '_'");
            }
            if (password.isEmpty() || password.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("the password of user '" + username
                        + "' must be non-empty and on one line");
            }
        }

        /** Parses `name:password`, the form the `--user` option takes. */
        public static UserAccount parse(String spec) {
            int colon = spec.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--user takes NAME:PASSWORD, got '" + spec + "'");
            }
            return new UserAccount(spec.substring(0, colon), spec.substring(colon + 1));
        }
    }

    public static final class Builder {
        private String domain = DEFAULT_DOMAIN;
        private int clientPort;
        private final List<UserAccount> users = new java.util.ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private boolean pluginInstalled = true;
        private ExternalDatabase database;

        public Builder pluginInstalled(boolean installed) {
            this.pluginInstalled = installed;
            return this;
        }

        public Builder domain(String domain) {
            if (domain == null || domain.isBlank() || domain.chars().anyMatch(c -> c <= ' ' || c == '@' || c == '/')) {
                throw new IllegalArgumentException("--domain must be a host name such as 'localhost', got '" + domain + "'");
            }
            this.domain = domain;
            return this;
        }

        public Builder clientPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--c2s-port must be between 1 and 65535 (or 0 for any free port), got " + port);
            }
            this.clientPort = port;
            return this;
        }

        public Builder user(String username, String password) {
            return user(new UserAccount(username, password));
        }

        public Builder user(UserAccount account) {
            users.removeIf(existing -> existing.username().equals(account.username()));
            users.add(account);
            return this;
        }

        public Builder clearUsers() {
            users.clear();
            return this;
        }

        public Builder property(String key, String value) {
            if (key == null || key.isBlank() || key.chars().anyMatch(c -> c <= ' ' || c == '=')) {
                throw new IllegalArgumentException("property names are dotted words such as 'mail.smtp.host', got '" + key + "'");
            }
            Objects.requireNonNull(value, "value of " + key);
            properties.put(key, value);
            return this;
        }

        /** Keeps Openfire's data in this PostgreSQL database rather than in the home's HSQLDB files. */
        public Builder database(String jdbcUrl, String user, String password) {
            this.database = new ExternalDatabase(jdbcUrl, user, password);
            return this;
        }

        public OpenfireSettings build() {
            return new OpenfireSettings(this);
        }
    }
}
