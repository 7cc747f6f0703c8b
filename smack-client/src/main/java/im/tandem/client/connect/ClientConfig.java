package im.tandem.client.connect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

import im.tandem.ice.net.HostPort;

/**
 * How a Tandem client reaches its server. Validated when built, so that a bad value is reported with the
 * setting's name before any connection is tried.
 */
public final class ClientConfig {
    /** The standard client-to-server port (RFC 6120). */
    public static final int DEFAULT_PORT = 5222;
    /** The resource a Tandem client binds unless told otherwise. */
    public static final String DEFAULT_RESOURCE = "tandem";
    /** Long enough for a loaded server, short enough that a wrong address is reported promptly. */
    public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(10);
    /** The name that means this machine by definition (RFC 6761 6.3), not by what DNS or a hosts file answers. */
    static final String LOCALHOST = "localhost";

    /** Looks a host name up; the system's resolver in the client, a fixed answer in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final EntityBareJid jid;
    private final String password;
    private final String host;
    private final int port;
    private final String resource;
    private final SecurityMode securityMode;
    private final Duration replyTimeout;
    private final boolean register;
    private final CertificateTrust certificateTrust;

    private ClientConfig(Builder builder) {
        this.jid = builder.jid;
        this.password = builder.password;
        this.host = builder.host != null ? builder.host : builder.jid.getDomain().toString();
        this.port = builder.port;
        this.resource = builder.resource;
        this.securityMode = builder.securityMode != null ? builder.securityMode
                : defaultSecurityFor(this.host, InetAddress::getAllByName);
        this.replyTimeout = builder.replyTimeout;
        this.register = builder.register;
        this.certificateTrust = builder.certificateTrust;
    }

    /** Which server certificate TLS accepts: verified (the default), one pinned, or any. */
    public CertificateTrust certificateTrust() {
        return certificateTrust;
    }

    /** Whether to create the account on the server (XEP-0077 in-band registration) before logging in. */
    public boolean register() {
        return register;
    }

    public static Builder forAccount(String jid, String password) {
        return new Builder(jid, password);
    }

    public EntityBareJid jid() {
        return jid;
    }

    public String password() {
        return password;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String resource() {
        return resource;
    }

    public SecurityMode securityMode() {
        return securityMode;
    }

    public Duration replyTimeout() {
        return replyTimeout;
    }

    /**
     * TLS is required except towards this machine itself, where there is nobody to listen in and a development server
     * has no certificate a client could check: a literal loopback address (127.0.0.0/8, ::1), or {@value #LOCALHOST}
     * as long as it resolves to loopback addresses only. Any other name keeps TLS even if it resolves to loopback: a
     * DNS answer or a hosts-file entry must not be able to switch TLS off (and the name could resolve elsewhere the
     * moment the connection is made). {@link Builder#securityMode} overrides this.
     */
    static SecurityMode defaultSecurityFor(String host, Resolver resolver) {
        boolean thisMachine = host.toLowerCase(Locale.ROOT).equals(LOCALHOST)
                ? resolvesToLoopbackOnly(host, resolver) : isLoopbackLiteral(host);
        return thisMachine ? SecurityMode.disabled : SecurityMode.required;
    }

    private static boolean isLoopbackLiteral(String host) {
        try {
            return HostPort.parse("host", host).literalAddress("host").isLoopbackAddress();
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
    }

    private static boolean resolvesToLoopbackOnly(String host, Resolver resolver) {
        try {
            InetAddress[] addresses = resolver.resolve(host);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public static final class Builder {
        private final EntityBareJid jid;
        private final String password;
        private String host;
        private int port = DEFAULT_PORT;
        private String resource = DEFAULT_RESOURCE;
        private SecurityMode securityMode;
        private Duration replyTimeout = DEFAULT_REPLY_TIMEOUT;
        private boolean register;
        private CertificateTrust certificateTrust = new CertificateTrust.Verified();

        private Builder(String jid, String password) {
            try {
                this.jid = JidCreate.entityBareFrom(Objects.requireNonNull(jid, "jid"));
            } catch (XmppStringprepException | IllegalArgumentException e) {
                throw new IllegalArgumentException("the account must be a bare JID such as alice@localhost, got '"
                        + jid + "'", e);
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("the password of " + jid + " is empty");
            }
            this.password = password;
        }

        /** The server's address when it differs from the JID's domain (no DNS SRV lookup is made). */
        public Builder server(String host, int port) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("--server needs a host, got '" + host + "'");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--server port must be 1-65535, got " + port);
            }
            this.host = host;
            this.port = port;
            return this;
        }

        /** Parses HOST:PORT or HOST (port 5222). */
        public Builder server(String hostAndPort) {
            int colon = hostAndPort.lastIndexOf(':');
            if (colon < 0) {
                return server(hostAndPort, DEFAULT_PORT);
            }
            try {
                return server(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--server takes HOST:PORT, got '" + hostAndPort + "'", e);
            }
        }

        public Builder resource(String resource) {
            if (resource == null || resource.isBlank()) {
                throw new IllegalArgumentException("the resource must not be empty");
            }
            this.resource = resource;
            return this;
        }

        /** TLS required, optional or off, whatever the host; by default it is off only towards this machine. */
        public Builder securityMode(SecurityMode mode) {
            this.securityMode = Objects.requireNonNull(mode, "securityMode");
            return this;
        }

        public Builder replyTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the reply timeout must be positive, got " + timeout);
            }
            this.replyTimeout = timeout;
            return this;
        }

        /** Creates the account on the server before the first login (XEP-0077), where the server allows it. */
        public Builder register(boolean create) {
            this.register = create;
            return this;
        }

        /** Which server certificate TLS accepts; by default one the system's authorities vouch for. */
        public Builder certificateTrust(CertificateTrust trust) {
            this.certificateTrust = Objects.requireNonNull(trust, "certificateTrust");
            return this;
        }

        public ClientConfig build() {
            return new ClientConfig(this);
        }
    }
}
