package im.tandem.client.jingle.session;

import java.security.SecureRandom;
import java.util.Base64;

/** Fresh session IDs: unguessable, so that nobody can predict or collide with one. */
public final class SessionIds {
    /** 128 bits, the strength of a random UUID, written as 22 URL-safe base64 characters. */
    private static final int BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    public static String next() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
