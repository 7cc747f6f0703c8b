package im.tandem.client.app;

import java.util.Arrays;
import java.util.Locale;

/**
 * {@code --accept-files}: what the chat program does with a file a contact offers (offers from anyone else are
 * declined before the program hears of them).
 */
enum AcceptFiles {
    /** Show the offer and wait for {@code /accept-file ID} or {@code /decline-file ID}. */
    ASK,
    /** Take every file from a mutual contact into the download folder. */
    CONTACTS,
    /** Decline every file, telling the sender so. */
    NONE;

    static final String OPTION = "--accept-files";

    /** The value as typed: ask, contacts or none. */
    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The default: ask a user at a terminal; a script (line mode) takes contacts' files as before, since nobody
     * may be there to answer.
     */
    static AcceptFiles byDefault(boolean interactive) {
        return interactive ? ASK : CONTACTS;
    }

    /** @throws IllegalArgumentException naming the option, for another word */
    static AcceptFiles parse(String value) {
        return Arrays.stream(values()).filter(mode -> mode.word().equals(value.strip().toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(OPTION
                        + " takes ask, contacts or none; got '" + value + "'"));
    }
}
