package im.tandem.openfire.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Makes one-time codes and the hashes that are stored instead of them. */
public final class OneTimeCodes {
    /** Six digits: what people are used to typing from an SMS; five attempts make guessing hopeless. */
    public static final int DIGITS = 6;
    private static final int BOUND = (int) Math.pow(10, DIGITS);

    private final SecureRandom random = new SecureRandom();

    public String newCode() {
        return String.format("%0" + DIGITS + "d", random.nextInt(BOUND));
    }

    /**
     * The stored form of a code. It binds the code to the user, channel and address it was sent for, so a
     * code can never confirm anything else.
     */
    public static String hash(String username, DeliveryChannel channel, String destination, String code) {
        return sha256Hex(username + "\n" + channel.id() + "\n" + destination + "\n" + code);
    }

    /** SHA-256 of the UTF-8 text, as 64 hex digits. */
    public static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Compares two hashes in constant time, so response times do not leak how much of a guess was right. */
    public static boolean matches(String expectedHash, String actualHash) {
        return MessageDigest.isEqual(expectedHash.getBytes(StandardCharsets.US_ASCII),
                actualHash.getBytes(StandardCharsets.US_ASCII));
    }
}
