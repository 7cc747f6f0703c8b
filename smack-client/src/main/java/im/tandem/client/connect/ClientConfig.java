package im.tandem.client.connect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

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

    private final EntityBareJid jid;
    private final String password;
    private final String host;
    private final int port;
    private final String resource;
    private final SecurityMode securityMode;
    private final Duration replyTimeout;

    private ClientConfig(Builder builder) {
        this.jid = builder.jid;
        this.password = builder.password;
        this.host = builder.host != null ? builder.host : builder.jid.getDomain().toString();
        this.port = builder.port;
        this.resource = builder.resource;
        this.securityMode = builder.securityMode != null ? builder.securityMode : defaultSecurityFor(this.host);
        this.replyTimeout = builder.replyTimeout;
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
     * TLS is required except towards this machine's own loopback addresses, where there is nobody to listen
     * in and a development server has no certificate a client could check.
     */
    static SecurityMode defaultSecurityFor(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress() ? SecurityMode.disabled : SecurityMode.required;
        } catch (UnknownHostException e) {
            return SecurityMode.required;
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

        public ClientConfig build() {
            return new ClientConfig(this);
        }
    }
}
