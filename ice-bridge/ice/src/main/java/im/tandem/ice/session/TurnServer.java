package im.tandem.ice.session;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A TURN server (RFC 8656) reached over UDP, with long-term credentials (e.g. from XEP-0215).
 *
 * @param address  numeric address and port; names are resolved before, by the caller's policy
 * @param username TURN username
 * @param password TURN password
 */
public record TurnServer(InetSocketAddress address, String username, String password) {

    public TurnServer {
        IceConfig.requireResolved(address, "turn server address");
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("turn server username must not be empty");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("turn server password must not be empty");
        }
    }

    @Override
    public String toString() {
        return "TurnServer[" + address + ", username=" + username + "]"; // never log the password
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TurnServer t && address.equals(t.address) && username.equals(t.username)
                && password.equals(t.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, username);
    }
}
