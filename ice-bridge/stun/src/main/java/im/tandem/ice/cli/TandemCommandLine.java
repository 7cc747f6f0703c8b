package im.tandem.ice.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one command-line style of Tandem's programs ({@code ./tandem server}, {@code chat}, {@code nat},
 * {@code stun-server}), on picocli. {@code --help} prints the usage on standard output and exits with
 * {@value #EXIT_OK}. Anything wrong with the arguments prints {@code NAME: what is wrong} and then the usage on
 * standard error and exits with {@value #EXIT_USAGE}: an unknown option, a missing value, a single-valued option
 * given twice (picocli's messages, which name the option) and whatever a command finds wrong in the values (see
 * {@link #usageError}). A command reports a failure at run time as {@code NAME: what failed}, exit code
 * {@value #EXIT_FAILURE}.
 */
public final class TandemCommandLine {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    private TandemCommandLine() {
    }

    /**
     * The parser for a picocli-annotated command object, or for its class (picocli then makes the object).
     * Options show as {@code --name VALUE}, as the hand-written parsers took them and the README documents them,
     * and {@code @FILE} arguments are taken literally, not as files of arguments: no Tandem command ever read one.
     */
    public static CommandLine of(Object command) {
        return new CommandLine(command)
                .setSeparator(" ")
                .setExpandAtFiles(false)
                .setParameterExceptionHandler(TandemCommandLine::reportUsageError);
    }

    /** Runs the command with these arguments and streams, returning the exit code. */
    public static int execute(Object command, String[] args, PrintStream out, PrintStream err) {
        return of(command).setOut(writer(out)).setErr(writer(err)).execute(args);
    }

    /** {@link #execute(Object, String[], PrintStream, PrintStream)} on the process's own streams. */
    public static int execute(Object command, String[] args) {
        return execute(command, args, System.out, System.err);
    }

    /**
     * A usage error for a value the command checked itself: thrown from the command, it is reported like picocli's
     * own. The message should name the option, as picocli's do.
     */
    public static ParameterException usageError(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** {@code NAME: message} on standard error, for a failure at run time. */
    public static void reportFailure(CommandSpec spec, String message) {
        spec.commandLine().getErr().println(spec.name() + ": " + message);
    }

    private static int reportUsageError(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandName() + ": " + firstProblem(e).getMessage());
        commandLine.usage(err);
        return EXIT_USAGE;
    }

    /**
     * picocli checks for missing required options before it complains about unknown ones; but an unknown option is
     * often the required one misspelt, and "--stun is missing" would hide that.
     */
    private static ParameterException firstProblem(ParameterException e) {
        List<String> unknown = e.getCommandLine().getUnmatchedArguments();
        return unknown.isEmpty() || e instanceof UnmatchedArgumentException ? e
                : new UnmatchedArgumentException(e.getCommandLine(), unknown);
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(stream, true, StandardCharsets.UTF_8);
    }
}
