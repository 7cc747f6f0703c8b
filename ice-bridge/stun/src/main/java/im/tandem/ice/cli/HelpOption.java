package im.tandem.ice.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h}/{@code --help}, mixed into every command. Not picocli's standard help options: those bring
 * {@code --version}, and the commands have no version of their own to print.
 */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    private boolean requested;
}
