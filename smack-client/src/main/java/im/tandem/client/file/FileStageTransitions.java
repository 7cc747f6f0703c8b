package im.tandem.client.file;

import static im.tandem.client.file.FileStage.AWAITING_CHECKSUM;
import static im.tandem.client.file.FileStage.AWAITING_CONFIRMATION;
import static im.tandem.client.file.FileStage.AWAITING_DECISION;
import static im.tandem.client.file.FileStage.CONFIRMED;
import static im.tandem.client.file.FileStage.ENDED;
import static im.tandem.client.file.FileStage.NEW;
import static im.tandem.client.file.FileStage.RECEIVER_NEGOTIATING;
import static im.tandem.client.file.FileStage.RECEIVING;
import static im.tandem.client.file.FileStage.SENDER_NEGOTIATING;
import static im.tandem.client.file.FileStage.SENDER_REPLACING;
import static im.tandem.client.file.FileStage.SENDING;
import static im.tandem.client.file.FileStageEvent.ACCEPT;
import static im.tandem.client.file.FileStageEvent.ALL_RECEIVED;
import static im.tandem.client.file.FileStageEvent.ALL_SENT;
import static im.tandem.client.file.FileStageEvent.CONNECTED;
import static im.tandem.client.file.FileStageEvent.END;
import static im.tandem.client.file.FileStageEvent.PEER_CONFIRMED;
import static im.tandem.client.file.FileStageEvent.RECEIVE_OFFER;
import static im.tandem.client.file.FileStageEvent.REPLACE_ACCEPTED;
import static im.tandem.client.file.FileStageEvent.REPLACE_OFFERED;
import static im.tandem.client.file.FileStageEvent.REPLACE_REJECTED;
import static im.tandem.client.file.FileStageEvent.SEND_REPLACE;
import static im.tandem.client.file.FileStageEvent.START_OFFER;
import static im.tandem.client.file.FileStageEvent.TRANSPORT_FAILED;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The complete table of a file transfer's allowed stage changes; anything not listed is refused.
 *
 * <pre>
 * NEW                   --START_OFFER-->                 SENDER_NEGOTIATING
 * SENDER_NEGOTIATING    --SEND_REPLACE-->                SENDER_REPLACING
 * SENDER_REPLACING      --REPLACE_ACCEPTED, _REJECTED--> SENDER_NEGOTIATING
 * SENDER_NEGOTIATING    --TRANSPORT_FAILED-->            itself (the next transport is prepared)
 * SENDER_NEGOTIATING    --CONNECTED-->                   SENDING
 * SENDING               --ALL_SENT-->                    AWAITING_CONFIRMATION
 * SENDING, AWAITING_CONFIRMATION --PEER_CONFIRMED-->     CONFIRMED
 *
 * NEW                   --RECEIVE_OFFER-->               AWAITING_DECISION
 * AWAITING_DECISION     --ACCEPT-->                      RECEIVER_NEGOTIATING
 * RECEIVER_NEGOTIATING  --TRANSPORT_FAILED, REPLACE_OFFERED--> itself (the sender may replace the transport)
 * RECEIVER_NEGOTIATING  --CONNECTED-->                   RECEIVING
 * RECEIVING             --ALL_RECEIVED-->                AWAITING_CHECKSUM
 * RECEIVING, AWAITING_CHECKSUM --PEER_CONFIRMED-->       itself (a sender that is done; we finish our part)
 *
 * any but ENDED         --END-->                         ENDED
 * </pre>
 *
 * A receiver that has every byte and the checksum ends at once (END), as does a sender confirmed with every byte
 * sent; a sender whose replacement is out cannot connect, since the replacement starts only once accepted.
 */
final class FileStageTransitions {
    private static final Map<FileStage, Map<FileStageEvent, FileStage>> TABLE = new EnumMap<>(FileStage.class);

    static {
        allow(NEW, START_OFFER, SENDER_NEGOTIATING);
        allow(SENDER_NEGOTIATING, SEND_REPLACE, SENDER_REPLACING);
        allow(SENDER_REPLACING, REPLACE_ACCEPTED, SENDER_NEGOTIATING);
        allow(SENDER_REPLACING, REPLACE_REJECTED, SENDER_NEGOTIATING);
        allow(SENDER_NEGOTIATING, TRANSPORT_FAILED, SENDER_NEGOTIATING);
        allow(SENDER_NEGOTIATING, CONNECTED, SENDING);
        allow(SENDING, ALL_SENT, AWAITING_CONFIRMATION);
        allow(SENDING, PEER_CONFIRMED, CONFIRMED);
        allow(AWAITING_CONFIRMATION, PEER_CONFIRMED, CONFIRMED);

        allow(NEW, RECEIVE_OFFER, AWAITING_DECISION);
        allow(AWAITING_DECISION, ACCEPT, RECEIVER_NEGOTIATING);
        allow(RECEIVER_NEGOTIATING, TRANSPORT_FAILED, RECEIVER_NEGOTIATING);
        allow(RECEIVER_NEGOTIATING, REPLACE_OFFERED, RECEIVER_NEGOTIATING);
        allow(RECEIVER_NEGOTIATING, CONNECTED, RECEIVING);
        allow(RECEIVING, ALL_RECEIVED, AWAITING_CHECKSUM);
        allow(RECEIVING, PEER_CONFIRMED, RECEIVING);
        allow(AWAITING_CHECKSUM, PEER_CONFIRMED, AWAITING_CHECKSUM);

        for (FileStage stage : FileStage.values()) {
            if (stage != ENDED) {
                allow(stage, END, ENDED);
            }
        }
    }

    private FileStageTransitions() {
    }

    private static void allow(FileStage from, FileStageEvent event, FileStage to) {
        TABLE.computeIfAbsent(from, stage -> new EnumMap<>(FileStageEvent.class)).put(event, to);
    }

    /** The stage {@code event} leads to from {@code from}, or empty when the table does not allow it. */
    static Optional<FileStage> next(FileStage from, FileStageEvent event) {
        return Optional.ofNullable(TABLE.getOrDefault(from, Map.of()).get(event));
    }
}
