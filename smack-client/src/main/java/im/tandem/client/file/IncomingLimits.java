package im.tandem.client.file;

import java.time.Duration;
import java.util.Objects;

/**
 * What contacts may send us, so that no contact can fill the disk or keep every thread busy: an offer beyond a
 * limit is refused, and the sender is told which. Start from {@link #defaults()}; every value is checked when set,
 * and the error names the setting.
 *
 * @param maxSize          the largest file we accept, in bytes
 * @param perContact       how many offers from one contact may be open at once (waiting for an answer or moving)
 * @param total            how many offers from all contacts together may be open at once
 * @param freeSpaceReserve the disk space, in bytes, that must stay free in the download folder's file system once
 *                         every open incoming file has arrived
 * @param answerTimeout    how long an offer may wait for the user's answer before it is declined
 */
public record IncomingLimits(long maxSize, int perContact, int total, long freeSpaceReserve,
                             Duration answerTimeout) {
    /** 4 GiB: far above what a chat shares; the free-space reserve keeps even such files from filling a disk. */
    public static final long DEFAULT_MAX_SIZE = 4L << 30;
    /** 3: a few files at once is how people share; a contact sending more waits until one is done. */
    public static final int DEFAULT_PER_CONTACT = 3;
    /** 8: a few contacts sending a few files each; beyond, offers are refused as busy. */
    public static final int DEFAULT_TOTAL = 8;
    /** 1 GiB stays free: received files must never take the space the system and the user's own work need. */
    public static final long DEFAULT_FREE_SPACE_RESERVE = 1L << 30;
    /**
     * 10 minutes: time to come back to the terminal, yet an offer nobody answers does not hold a place among the
     * open files for good.
     */
    public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofMinutes(10);

    public IncomingLimits {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxIncomingSize must not be negative, got " + maxSize);
        }
        if (perContact < 1) {
            throw new IllegalArgumentException("incoming perContact must be at least 1, got " + perContact);
        }
        if (total < perContact) {
            throw new IllegalArgumentException("incoming total must be at least perContact (" + perContact
                    + "), got " + total);
        }
        if (freeSpaceReserve < 0) {
            throw new IllegalArgumentException("incoming freeSpaceReserve must not be negative, got "
                    + freeSpaceReserve);
        }
        Objects.requireNonNull(answerTimeout, "answerTimeout");
        if (answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException("incoming answerTimeout must be positive, was " + answerTimeout);
        }
    }

    public static IncomingLimits defaults() {
        return new IncomingLimits(DEFAULT_MAX_SIZE, DEFAULT_PER_CONTACT, DEFAULT_TOTAL, DEFAULT_FREE_SPACE_RESERVE,
                DEFAULT_ANSWER_TIMEOUT);
    }

    public IncomingLimits withMaxSize(long value) {
        return new IncomingLimits(value, perContact, total, freeSpaceReserve, answerTimeout);
    }

    public IncomingLimits withPerContact(int value) {
        return new IncomingLimits(maxSize, value, total, freeSpaceReserve, answerTimeout);
    }

    public IncomingLimits withTotal(int value) {
        return new IncomingLimits(maxSize, perContact, value, freeSpaceReserve, answerTimeout);
    }

    public IncomingLimits withAnswerTimeout(Duration value) {
        return new IncomingLimits(maxSize, perContact, total, freeSpaceReserve, value);
    }

    public IncomingLimits withFreeSpaceReserve(long value) {
        return new IncomingLimits(maxSize, perContact, total, value, answerTimeout);
    }
}
