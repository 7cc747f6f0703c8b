package im.tandem.it.openfire;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a harnessed Openfire is set up with: its domain, its client port and address, the users it must have, any
 * extra Openfire system properties, optionally an external database, and optionally a network namespace (of the
 * NAT lab) to run in. Immutable; build one with {@link #builder()}.
 */
public final class OpenfireSettings {
    /** The domain a newcomer's clients expect: `alice@localhost`. */
    public static final String DEFAULT_DOMAIN = "localhost";
    /** Loopback only: a development server is reachable from this machine and nowhere else. */
    public static final String DEFAULT_NETWORK_INTERFACE = "127.0.0.1";
    /** What {@code ip netns} accepts as a namespace name, without anything a shell or a path would read. */
    /** Openfire's value for a web port that is not opened; the admin console is off unless a test needs it. */
    public static final int ADMIN_CONSOLE_OFF = -1;
    private static final Pattern NAMESPACE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    /** Dotted IPv4 or colon-separated IPv6: a literal, so that choosing the address never asks DNS. */
    private static final Pattern IP_LITERAL = Pattern.compile(
            "(\\d{1,3}\\.){3}\\d{1,3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    private final String domain;
    private final int clientPort;
    private final List<UserAccount> users;
    private final Map<String, String> properties;
    private final boolean pluginInstalled;
    private final ExternalDatabase database;
    private final String networkInterface;
    private final String networkNamespace;
    private final OpenfireDistribution distribution;
    private final int adminConsolePort;
    private final boolean selfSignedCertificate;

    private OpenfireSettings(Builder builder) {
        this.domain = builder.domain;
        this.clientPort = builder.clientPort;
        this.users = List.copyOf(builder.users);
        this.properties = Map.copyOf(builder.properties);
        this.pluginInstalled = builder.pluginInstalled;
        this.database = builder.database;
        this.networkInterface = builder.networkInterface;
        this.networkNamespace = builder.networkNamespace;
        this.distribution = builder.distribution;
        this.adminConsolePort = builder.adminConsolePort;
        this.selfSignedCertificate = builder.selfSignedCertificate;
    }

    /**
     * Whether Openfire's key store holds a self-signed certificate for the domain, so that it offers STARTTLS. 4.2.0
     * and 5.1.1 make one for themselves only in their setup's last step, which the harness does not run; without
     * one, neither offers STARTTLS.
     */
    public boolean selfSignedCertificate() {
        return selfSignedCertificate;
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

    /** The address Openfire's listeners bind to (its {@code network.interface}), which clients connect to. */
    public String networkInterface() {
        return networkInterface;
    }

    /** The network namespace the server runs in, or empty for this machine's own network. */
    public Optional<String> networkNamespace() {
        return Optional.ofNullable(networkNamespace);
    }

    /** The Openfire to boot; by default the one {@link OpenfireDistribution#underTest()} names. */
    public OpenfireDistribution distribution() {
        return distribution;
    }

    /**
     * The admin console's HTTP port (on the network interface), or {@link #ADMIN_CONSOLE_OFF}. Only a distribution
     * that {@link OpenfireDistribution#hasAdminConsole() has the console's web application} serves pages there.
     */
    public int adminConsolePort() {
        return adminConsolePort;
    }

    public Builder toBuilder() {
        Builder builder = new Builder().domain(domain).clientPort(clientPort).pluginInstalled(pluginInstalled)
                .networkInterface(networkInterface);
        users.forEach(builder::user);
        properties.forEach(builder::property);
        builder.database = database;
        builder.networkNamespace = networkNamespace;
        builder.distribution = distribution;
        builder.adminConsolePort = adminConsolePort;
        builder.selfSignedCertificate = selfSignedCertificate;
        return builder;
    }

    /**
     * A PostgreSQL, MySQL or MariaDB database Openfire keeps its data in instead of its embedded one, for instance
     * one that several servers share. Openfire creates its tables there on first boot if the database is empty.
     * MySQL and MariaDB (one {@code jdbc:mysql:} URL for both) need an installed Openfire, which brings its own
     * scripts for them; the harness carries Openfire 4.2.0's schema for HSQLDB and PostgreSQL only.
     */
    public record ExternalDatabase(String jdbcUrl, String user, String password) {
        static final String POSTGRESQL_PREFIX = "jdbc:postgresql://";
        static final String MYSQL_PREFIX = "jdbc:mysql://";

        public ExternalDatabase {
            if (jdbcUrl == null || !jdbcUrl.startsWith(POSTGRESQL_PREFIX) && !jdbcUrl.startsWith(MYSQL_PREFIX)
                    || jdbcUrl.chars().anyMatch(c -> c <= ' ')) {
                throw new IllegalArgumentException("the database URL must be a PostgreSQL or MySQL JDBC URL such as "
                        + POSTGRESQL_PREFIX + "127.0.0.1:5432/openfire, got '" + jdbcUrl + "'");
            }
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("the database user of " + jdbcUrl + " must not be empty");
            }
            if (password == null || password.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("the database password of " + jdbcUrl + " must be one line");
            }
        }

        /** Whether this is MySQL or MariaDB rather than PostgreSQL. */
        public boolean mysql() {
            return jdbcUrl.startsWith(MYSQL_PREFIX);
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
        private String networkInterface = DEFAULT_NETWORK_INTERFACE;
        private String networkNamespace;
        private OpenfireDistribution distribution = OpenfireDistribution.underTest();
        private int adminConsolePort = ADMIN_CONSOLE_OFF;
        private boolean selfSignedCertificate;

        /** A self-signed certificate for the domain in Openfire's key store, as its setup makes one: STARTTLS. */
        public Builder selfSignedCertificate() {
            this.selfSignedCertificate = true;
            return this;
        }

        /** Opens the admin console's HTTP port, for tests of the plugin's admin page. */
        public Builder adminConsolePort(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("the admin console port must be between 1 and 65535, got " + port);
            }
            this.adminConsolePort = port;
            return this;
        }

        public Builder distribution(OpenfireDistribution openfire) {
            this.distribution = java.util.Objects.requireNonNull(openfire, "distribution");
            return this;
        }

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

        /**
         * The IP address the listeners bind to, e.g. a NAT lab host's address; clients connect there.
         *
         * @throws IllegalArgumentException unless it is an IP literal
         */
        public Builder networkInterface(String address) {
            if (address == null || !IP_LITERAL.matcher(address).matches()) {
                throw new IllegalArgumentException("the network interface must be an IP address such as 127.0.0.1, "
                        + "got '" + address + "'");
            }
            this.networkInterface = address;
            return this;
        }

        /**
         * Runs the server inside this network namespace ({@code ip netns exec}), such as a NAT lab host's; give
         * that host's address as the {@link #networkInterface network interface} too.
         */
        public Builder networkNamespace(String namespace) {
            if (namespace == null || !NAMESPACE_NAME.matcher(namespace).matches()) {
                throw new IllegalArgumentException("a network namespace name is letters, digits, '.', '-' or '_', "
                        + "got '" + namespace + "'");
            }
            this.networkNamespace = namespace;
            return this;
        }

        public OpenfireSettings build() {
            return new OpenfireSettings(this);
        }
    }
}
