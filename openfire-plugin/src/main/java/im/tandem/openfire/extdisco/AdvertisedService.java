package im.tandem.openfire.extdisco;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One STUN or TURN service as XEP-0215 describes it to a client. Credentials are present only on services that
 * need them (TURN), and only in answers to authenticated local users.
 */
public record AdvertisedService(String type, String host, int port, String transport,
                                Optional<Credentials> credentials) {
    public static final String STUN = "stun";
    public static final String TURN = "turn";

    public AdvertisedService {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** A username and password valid until {@code expires}. */
    public record Credentials(String username, String password, Instant expires) {
    }
}
