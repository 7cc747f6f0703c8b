package im.tandem.ice.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import im.tandem.ice.net.SocketAddresses;

/**
 * Where the STUN server listens, validated when built so that a bad setting fails at start-up with its name.
 *
 * <p>With only a primary address the server opens one socket (primary address, primary port) and refuses
 * change requests. With an alternate address it opens four sockets, both addresses crossed with both ports,
 * which is what RFC 3489 and RFC 5780 NAT discovery need.
 */
public final class StunServerConfig {
    private static final int MAX_PORT = 0xFFFF;

    private final InetAddress primaryAddress;
    private final int primaryPort;
    private final InetAddress alternateAddress;
    private final int alternatePort;
    private final RateLimit rateLimit;

    private StunServerConfig(InetAddress primaryAddress, int primaryPort, InetAddress alternateAddress,
                             int alternatePort, RateLimit rateLimit) {
        this.primaryAddress = primaryAddress;
        this.primaryPort = primaryPort;
        this.alternateAddress = alternateAddress;
        this.alternatePort = alternatePort;
        this.rateLimit = rateLimit;
    }

    public static Builder builder() {
        return new Builder();
    }

    public InetAddress primaryAddress() {
        return primaryAddress;
    }

    public int primaryPort() {
        return primaryPort;
    }

    public Optional<InetAddress> alternateAddress() {
        return Optional.ofNullable(alternateAddress);
    }

    /** Empty without an alternate address, because the alternate port is only used together with it. */
    public Optional<Integer> alternatePort() {
        return hasAlternate() ? Optional.of(alternatePort) : Optional.empty();
    }

    public RateLimit rateLimit() {
        return rateLimit;
    }

    public boolean hasAlternate() {
        return alternateAddress != null;
    }

    /** The sockets to open: just the primary, or all four roles. */
    public List<SocketRole> roles() {
        if (!hasAlternate()) {
            return List.of(SocketRole.PRIMARY);
        }
        return List.of(SocketRole.PRIMARY, new SocketRole(false, true), new SocketRole(true, false),
                new SocketRole(true, true));
    }

    /** The address and port of one socket role. */
    public InetSocketAddress socketAddress(SocketRole role) {
        if (!hasAlternate() && !role.equals(SocketRole.PRIMARY)) {
            throw new IllegalArgumentException("no alternate address configured, so there is no socket " + role);
        }
        return new InetSocketAddress(role.alternateIp() ? alternateAddress : primaryAddress,
                role.alternatePort() ? alternatePort : primaryPort);
    }

    @Override
    public String toString() {
        return hasAlternate()
                ? "primary=" + SocketAddresses.format(socketAddress(SocketRole.PRIMARY))
                        + " alternate=" + SocketAddresses.format(socketAddress(SocketRole.PRIMARY.other()))
                : "primary=" + SocketAddresses.format(socketAddress(SocketRole.PRIMARY));
    }

    /** Mutable builder; {@link #build()} validates everything at once. */
    public static final class Builder {
        private InetAddress primaryAddress;
        private int primaryPort = StunDefaults.PORT;
        private InetAddress alternateAddress;
        private Integer alternatePort;
        private RateLimit rateLimit = RateLimit.DEFAULT;

        private Builder() {
        }

        public Builder primaryAddress(InetAddress address) {
            this.primaryAddress = address;
            return this;
        }

        public Builder primaryPort(int port) {
            this.primaryPort = port;
            return this;
        }

        public Builder alternateAddress(InetAddress address) {
            this.alternateAddress = address;
            return this;
        }

        /** Defaults to the primary port plus one, the convention of RFC 3489 servers and coturn. */
        public Builder alternatePort(int port) {
            this.alternatePort = port;
            return this;
        }

        public Builder rateLimit(RateLimit limit) {
            this.rateLimit = limit;
            return this;
        }

        public StunServerConfig build() {
            requireConcrete("primaryAddress", primaryAddress);
            requirePort("primaryPort", primaryPort);
            if (rateLimit == null) {
                throw new IllegalArgumentException("rateLimit is required");
            }
            if (alternateAddress == null) {
                if (alternatePort != null) {
                    throw new IllegalArgumentException("alternatePort is set but alternateAddress is not: "
                            + "the alternate port is only used on both addresses together");
                }
                return new StunServerConfig(primaryAddress, primaryPort, null, 0, rateLimit);
            }
            requireConcrete("alternateAddress", alternateAddress);
            if (alternateAddress.equals(primaryAddress)) {
                throw new IllegalArgumentException("alternateAddress must differ from primaryAddress ("
                        + primaryAddress.getHostAddress() + ")");
            }
            if (alternateAddress.getClass() != primaryAddress.getClass()) {
                throw new IllegalArgumentException("alternateAddress " + alternateAddress.getHostAddress()
                        + " must be of the same IP family as primaryAddress " + primaryAddress.getHostAddress());
            }
            int port;
            if (alternatePort != null) {
                port = alternatePort;
            } else if (primaryPort < MAX_PORT) {
                port = primaryPort + 1;
            } else {
                throw new IllegalArgumentException("alternatePort must be given when primaryPort is 65535");
            }
            requirePort("alternatePort", port);
            if (port == primaryPort) {
                throw new IllegalArgumentException("alternatePort must differ from primaryPort (" + primaryPort + ")");
            }
            return new StunServerConfig(primaryAddress, primaryPort, alternateAddress, port, rateLimit);
        }

        /** RESPONSE-ORIGIN and change requests need a concrete address per socket, not a wildcard. */
        private static void requireConcrete(String setting, InetAddress address) {
            if (address == null) {
                throw new IllegalArgumentException(setting + " is required");
            }
            if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
                throw new IllegalArgumentException(setting + " must be a concrete unicast address, not "
                        + address.getHostAddress());
            }
        }

        private static void requirePort(String setting, int port) {
            if (port < 1 || port > MAX_PORT) {
                throw new IllegalArgumentException(setting + " must be between 1 and 65535, got " + port);
            }
        }
    }
}
