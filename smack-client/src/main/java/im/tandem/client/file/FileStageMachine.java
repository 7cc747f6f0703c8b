package im.tandem.client.file;

/**
 * A file transfer's current {@link FileStage}, changed only through {@link FileStageTransitions}. Not thread-safe:
 * its session guards it.
 */
final class FileStageMachine {
    private FileStage stage = FileStage.NEW;

    FileStage stage() {
        return stage;
    }

    /** Whether {@code event} would be allowed now. */
    boolean allows(FileStageEvent event) {
        return FileStageTransitions.next(stage, event).isPresent();
    }

    /**
     * Moves to the stage {@code event} leads to.
     *
     * @throws IllegalStateException when the table does not allow the event now (a bug in the session, which
     *         checks what may come from outside first); the stage is unchanged
     */
    void fire(FileStageEvent event) {
        stage = FileStageTransitions.next(stage, event).orElseThrow(() -> new IllegalStateException(
                event + " is not allowed in the file transfer stage " + stage));
    }
}
