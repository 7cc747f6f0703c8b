package im.tandem.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import im.tandem.client.app.ChatCommand;
import im.tandem.ice.cli.NatCommand;
import im.tandem.ice.cli.StunServerCommand;
import im.tandem.ice.cli.TandemCommandLine;
import im.tandem.it.demo.DemoCommand;
import im.tandem.it.openfire.TandemServerCommand;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The usage of each command that the README and the launcher's usage comment document agrees with the command
 * itself: every option the command has is documented, and neither names an option that the command's
 * {@code --help} does not. A command's usage in the README is its line in a code block ({@code ./tandem nat ...},
 * with indented lines continuing it) and the option tables of its section ({@code | `--data DIR` | ...}); the
 * prose around them is not read. In the launcher it is the comment line {@code #   ./tandem nat ...}.
 */
class DocumentedUsageTest {
    private static final Pattern OPTION = Pattern.compile("--[a-z0-9][a-z0-9-]*");
    private static final String CODE_FENCE = "```";
    private static final String OPTION_ROW = "| `--";

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("server", "Quick start", TandemServerCommand.class),
                Arguments.of("chat", "The chat program", ChatCommand.class),
                Arguments.of("demo", "The peer-to-peer path on one machine", DemoCommand.class),
                Arguments.of("nat", "NAT type and a standalone STUN server", NatCommand.class),
                Arguments.of("stun-server", "NAT type and a standalone STUN server", StunServerCommand.class));
    }

    @ParameterizedTest(name = "./tandem {0}")
    @MethodSource("commands")
    void theReadmeDocumentsEveryOptionOfTheCommand(String command, String section, Class<?> type) throws IOException {
        assertThat(readmeOptions(command, section)).as("options the README documents for ./tandem %s", command)
                .containsAll(options(type));
    }

    @ParameterizedTest(name = "./tandem {0}")
    @MethodSource("commands")
    void theReadmeNamesNoOptionTheCommandLacks(String command, String section, Class<?> type) throws IOException {
        assertThat(helpOptions(type)).as("options ./tandem %s --help names", command)
                .containsAll(readmeOptions(command, section));
    }

    @ParameterizedTest(name = "./tandem {0}")
    @MethodSource("commands")
    void theLauncherDocumentsEveryOptionOfTheCommand(String command, String section, Class<?> type)
            throws IOException {
        assertThat(launcherOptions(command)).as("options the launcher's usage names for ./tandem %s", command)
                .containsAll(options(type));
    }

    @ParameterizedTest(name = "./tandem {0}")
    @MethodSource("commands")
    void theLauncherNamesNoOptionTheCommandLacks(String command, String section, Class<?> type) throws IOException {
        assertThat(helpOptions(type)).as("options ./tandem %s --help names", command)
                .containsAll(launcherOptions(command));
    }

    /** The command's options as picocli knows them, but for --help: every command has it, the README says so once. */
    private static Set<String> options(Class<?> type) {
        return TandemCommandLine.of(type).getCommandSpec().options().stream()
                .filter(option -> !option.usageHelp())
                .map(OptionSpec::longestName).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The options the command's real --help output names, the launcher's own included (in its footer). */
    private static Set<String> helpOptions(Class<?> type) {
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        int exit = TandemCommandLine.execute(type, new String[] {"--help"},
                new PrintStream(help, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).isZero();
        return optionsIn(help.toString(StandardCharsets.UTF_8));
    }

    /** The options on the launcher's usage comment line for the command. */
    private static Set<String> launcherOptions(String command) throws IOException {
        String prefix = "#   ./tandem " + command + " ";
        List<String> usage = Files.readAllLines(Path.of(System.getProperty("tandem.launcher")), StandardCharsets.UTF_8)
                .stream().filter(line -> line.startsWith(prefix)).toList();
        assertThat(usage).as("the launcher's usage line for ./tandem %s", command).hasSize(1);
        return optionsIn(usage.get(0));
    }

    /** The options named in the command's usage lines and in the option tables of its README section. */
    private static Set<String> readmeOptions(String command, String section) throws IOException {
        Set<String> options = new TreeSet<>();
        boolean inCode = false;
        boolean inUsage = false;
        for (String line : section(section)) {
            if (line.startsWith(CODE_FENCE)) {
                inCode = !inCode;
                inUsage = false;
            } else if (inCode) {
                inUsage = line.startsWith("./tandem " + command + " ") || (inUsage && line.startsWith(" "));
                if (inUsage) {
                    options.addAll(optionsIn(line));
                }
            } else if (line.startsWith(OPTION_ROW)) {
                options.addAll(optionsIn(line.split("\\|")[1]));
            }
        }
        return options;
    }

    /** The lines under the README's {@code ## heading}, up to the next heading of that level. */
    private static List<String> section(String heading) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("tandem.readme")), StandardCharsets.UTF_8);
        int start = lines.indexOf("## " + heading);
        assertThat(start).as("the README's section '%s'", heading).isNotNegative();
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        return lines.subList(start + 1, end);
    }

    private static Set<String> optionsIn(String text) {
        Set<String> options = new TreeSet<>();
        Matcher matcher = OPTION.matcher(text);
        while (matcher.find()) {
            options.add(matcher.group());
        }
        return options;
    }
}
