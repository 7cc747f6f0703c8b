package im.tandem.it.lab;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The lab's TURN server (coturn), which accepts TURN REST API credentials (time-limited username, HMAC password)
 * made from a shared secret, as the Tandem plugin hands out.
 *
 * @param address      where it listens for UDP and TCP
 * @param sharedSecret the secret the credentials are derived from
 * @param realm        its authentication realm
 */
public record CoturnServer(InetSocketAddress address, String sharedSecret, String realm) {

    /** The MAC of the TURN REST API, as coturn's --use-auth-secret checks it. */
    private static final String MAC = "HmacSHA1";

    /** A TURN username and password. */
    public record Credential(String username, String password) {
    }

    /**
     * Credentials valid until {@code expiry} (draft-uberti-behave-turn-rest): the username is
     * {@code expiry-seconds:name}, the password base64(HMAC-SHA1(secret, username)).
     */
    public Credential restCredential(String name, Instant expiry) {
        String username = expiry.getEpochSecond() + ":" + name;
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(new SecretKeySpec(sharedSecret.getBytes(StandardCharsets.UTF_8), MAC));
            return new Credential(username, Base64.getEncoder().encodeToString(
                    mac.doFinal(username.getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + MAC, e);
        }
    }
}
