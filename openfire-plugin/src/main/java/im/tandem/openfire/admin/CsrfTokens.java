package im.tandem.openfire.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Synchronizer tokens against cross-site request forgery: one random token per admin session, put in every
 * state-changing form and checked on submission. A page from another site cannot read it, so it cannot forge
 * the form.
 */
final class CsrfTokens {
    /** 256 bits: not guessable within any number of attempts a web server would answer. */
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfTokens() {
    }

    static String newToken() {
        byte[] token = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** True only when both are present and equal; compared in constant time. */
    static boolean matches(String expected, String submitted) {
        if (expected == null || submitted == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }
}
