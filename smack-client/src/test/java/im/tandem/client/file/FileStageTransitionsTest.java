package im.tandem.client.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The file transfer's stage table, checked as a table: every (stage, event) pair against the expected table
 * written out below, on a machine brought to that stage through allowed moves only.
 */
class FileStageTransitionsTest {
    /** Each allowed move as "FROM EVENT TO"; every pair not listed must be refused. */
    private static final String EXPECTED = """
            NEW                   START_OFFER       SENDER_NEGOTIATING
            SENDER_NEGOTIATING    SEND_REPLACE      SENDER_REPLACING
            SENDER_REPLACING      REPLACE_ACCEPTED  SENDER_NEGOTIATING
            SENDER_REPLACING      REPLACE_REJECTED  SENDER_NEGOTIATING
            SENDER_NEGOTIATING    TRANSPORT_FAILED  SENDER_NEGOTIATING
            SENDER_NEGOTIATING    CONNECTED         SENDING
            SENDING               ALL_SENT          AWAITING_CONFIRMATION
            SENDING               PEER_CONFIRMED    CONFIRMED
            AWAITING_CONFIRMATION PEER_CONFIRMED    CONFIRMED
            NEW                   RECEIVE_OFFER     AWAITING_DECISION
            AWAITING_DECISION     ACCEPT            RECEIVER_NEGOTIATING
            RECEIVER_NEGOTIATING  TRANSPORT_FAILED  RECEIVER_NEGOTIATING
            RECEIVER_NEGOTIATING  REPLACE_OFFERED   RECEIVER_NEGOTIATING
            RECEIVER_NEGOTIATING  CONNECTED         RECEIVING
            RECEIVING             ALL_RECEIVED      AWAITING_CHECKSUM
            RECEIVING             PEER_CONFIRMED    RECEIVING
            AWAITING_CHECKSUM     PEER_CONFIRMED    AWAITING_CHECKSUM
            NEW                   END               ENDED
            SENDER_NEGOTIATING    END               ENDED
            SENDER_REPLACING      END               ENDED
            SENDING               END               ENDED
            AWAITING_CONFIRMATION END               ENDED
            CONFIRMED             END               ENDED
            AWAITING_DECISION     END               ENDED
            RECEIVER_NEGOTIATING  END               ENDED
            RECEIVING             END               ENDED
            AWAITING_CHECKSUM     END               ENDED
            """;

    @Test
    void everyStageAndEventIsAllowedOrRefusedExactlyAsTheTableSays() {
        Map<FileStage, Map<FileStageEvent, FileStage>> expected = expected();
        for (FileStage stage : FileStage.values()) {
            for (FileStageEvent event : FileStageEvent.values()) {
                Optional<FileStage> next = Optional.ofNullable(expected.get(stage).get(event));
                assertThat(FileStageTransitions.next(stage, event)).as(stage + " --" + event + "-->").isEqualTo(next);

                FileStageMachine machine = machineAt(stage, expected);
                if (next.isPresent()) {
                    assertThat(machine.allows(event)).as(stage + " allows " + event).isTrue();
                    machine.fire(event);
                    assertThat(machine.stage()).as(stage + " --" + event + "-->").isEqualTo(next.get());
                } else {
                    assertThat(machine.allows(event)).as(stage + " allows " + event).isFalse();
                    assertThatThrownBy(() -> machine.fire(event)).as(stage + " refuses " + event)
                            .isInstanceOf(IllegalStateException.class).hasMessageContaining(stage.toString())
                            .hasMessageContaining(event.toString());
                    assertThat(machine.stage()).as("a refused event leaves the stage").isEqualTo(stage);
                }
            }
        }
    }

    private static Map<FileStage, Map<FileStageEvent, FileStage>> expected() {
        Map<FileStage, Map<FileStageEvent, FileStage>> table = new EnumMap<>(FileStage.class);
        for (FileStage stage : FileStage.values()) {
            table.put(stage, new EnumMap<>(FileStageEvent.class));
        }
        EXPECTED.lines().map(String::trim).filter(line -> !line.isEmpty()).forEach(line -> {
            String[] move = line.split("\\s+");
            table.get(FileStage.valueOf(move[0])).put(FileStageEvent.valueOf(move[1]), FileStage.valueOf(move[2]));
        });
        return table;
    }

    /** A new machine moved to {@code target} along the shortest path of expected moves; every stage has one. */
    private static FileStageMachine machineAt(FileStage target, Map<FileStage, Map<FileStageEvent, FileStage>> table) {
        Map<FileStage, List<FileStageEvent>> paths = new EnumMap<>(FileStage.class);
        paths.put(FileStage.NEW, List.of());
        Deque<FileStage> queue = new ArrayDeque<>(List.of(FileStage.NEW));
        while (!queue.isEmpty()) {
            FileStage from = queue.poll();
            table.get(from).forEach((event, to) -> {
                if (!paths.containsKey(to)) {
                    List<FileStageEvent> path = new ArrayList<>(paths.get(from));
                    path.add(event);
                    paths.put(to, path);
                    queue.add(to);
                }
            });
        }
        assertThat(paths).as("every stage can be reached from NEW").containsKey(target);
        FileStageMachine machine = new FileStageMachine();
        paths.get(target).forEach(machine::fire);
        assertThat(machine.stage()).isEqualTo(target);
        return machine;
    }
}
