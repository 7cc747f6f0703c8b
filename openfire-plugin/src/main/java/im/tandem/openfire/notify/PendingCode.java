package im.tandem.openfire.notify;

import java.time.Instant;

/** An address waiting for its one-time code, which is kept only as a hash. */
public record PendingCode(String username, DeliveryChannel channel, String destination, String codeHash,
        int attemptsLeft, Instant expiresAt) {
}
