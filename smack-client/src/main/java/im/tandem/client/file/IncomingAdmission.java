package im.tandem.client.file;

import java.util.List;
import java.util.Optional;

import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.BareJid;

/**
 * Whether we take one more file from a contact, by the {@link IncomingLimits}: not too large, not too many at once
 * from the contact or from everyone, and room on the disk for it and for every file still arriving, with the
 * reserve left free. What is refused says why, in words the sender's user reads.
 */
final class IncomingAdmission {
    private IncomingAdmission() {
    }

    /** An incoming file already offered and not yet ended (waiting for the user or arriving). */
    record Open(BareJid from, long size) {
    }

    /** Why an offer is refused: the Jingle reason and a text for the sender. */
    record Refusal(JingleReason.Reason reason, String text) {
    }

    /**
     * @param from        who offers
     * @param size        the offered file's size
     * @param open        the other incoming files not yet ended
     * @param usableSpace the bytes free for us in the download folder's file system now
     */
    static Optional<Refusal> check(IncomingLimits limits, BareJid from, long size, List<Open> open,
            long usableSpace) {
        if (size > limits.maxSize()) {
            return refuse(JingleReason.Reason.media_error, "the file is larger than the " + limits.maxSize()
                    + " bytes we accept");
        }
        long fromContact = open.stream().filter(file -> file.from().equals(from)).count();
        if (fromContact >= limits.perContact()) {
            return refuse(JingleReason.Reason.busy, "too many files from " + from + " at once (" + fromContact
                    + ", the most we take from one contact); send it when one is done");
        }
        if (open.size() >= limits.total()) {
            return refuse(JingleReason.Reason.busy, "too many incoming files at once (" + open.size()
                    + ", the most we take); send it later");
        }
        // Added up without overflow, and compared step by step, so that huge sizes can never wrap into "fits".
        long arriving = open.stream().mapToLong(Open::size)
                .reduce(0, (sum, next) -> sum > Long.MAX_VALUE - next ? Long.MAX_VALUE : sum + next);
        long room = usableSpace - limits.freeSpaceReserve();
        if (room < arriving || room - arriving < size) {
            return refuse(JingleReason.Reason.decline, "not enough free disk space for a file of " + size
                    + " bytes");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(JingleReason.Reason reason, String text) {
        return Optional.of(new Refusal(reason, text));
    }
}
