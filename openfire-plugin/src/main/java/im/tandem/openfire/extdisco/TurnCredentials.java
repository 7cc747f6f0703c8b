package im.tandem.openfire.extdisco;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived TURN credentials in the "TURN REST API" scheme that coturn checks with
 * {@code use-auth-secret}/{@code static-auth-secret}: the username is {@code <unix expiry>:<user>} and the
 * password is the base64 HMAC-SHA1 of that username under the secret shared with the TURN server. The TURN server
 * needs no per-user state and refuses the credentials once the expiry has passed.
 */
public final class TurnCredentials {
    private static final String HMAC = "HmacSHA1";

    private TurnCredentials() {
    }

    public static AdvertisedService.Credentials issue(String user, String sharedSecret, Instant now,
            Duration lifetime) {
        if (sharedSecret.isEmpty()) {
            throw new IllegalArgumentException("the TURN shared secret is empty");
        }
        Instant expires = now.plus(lifetime);
        String username = expires.getEpochSecond() + ":" + user;
        return new AdvertisedService.Credentials(username, password(username, sharedSecret), expires);
    }

    static String password(String username, String sharedSecret) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(sharedSecret.getBytes(StandardCharsets.UTF_8), HMAC));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + HMAC, e);
        }
    }
}
