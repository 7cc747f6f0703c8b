package im.tandem.client.extdisco;

import java.time.Instant;
import java.util.Optional;

/**
 * A STUN or TURN service the server told us about (XEP-0215). TURN services carry short-lived credentials.
 *
 * @param type      {@code stun} or {@code turn}
 * @param host      host name or IP address
 * @param port      UDP or TCP port
 * @param transport {@code udp} or {@code tcp}
 * @param username  present when the service needs credentials
 * @param password  present with {@code username}
 * @param expires   when the credentials stop working, when the server says
 */
public record ExternalService(String type, String host, int port, String transport, Optional<String> username,
                              Optional<String> password, Optional<Instant> expires) {
    public boolean isStun() {
        return "stun".equals(type);
    }

    public boolean isTurn() {
        return "turn".equals(type);
    }
}
