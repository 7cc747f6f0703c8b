package im.tandem.ice.cli;

/** Bad command-line arguments; the message says which and the command prints its usage (exit code 2). */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
