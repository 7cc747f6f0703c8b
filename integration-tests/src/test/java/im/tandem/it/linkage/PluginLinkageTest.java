package im.tandem.it.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import im.tandem.it.openfire.HarnessPaths;
import im.tandem.it.openfire.OpenfireDistribution;

/**
 * Everything tandem.jar calls in Openfire exists in the Openfire under test, with the exact descriptor: a method
 * that a later Openfire removed fails only when the code runs ({@code NoSuchMethodError}), which no other test may
 * happen to reach.
 */
@Tag("server")
class PluginLinkageTest {
    private static final OpenfireDistribution OPENFIRE = OpenfireDistribution.underTest();
    /**
     * tandem-stun's command-line programs, which ride along in its jar: they parse their arguments with picocli, an
     * optional dependency the plugin leaves out, and never run inside Openfire.
     */
    private static final String COMMAND_LINE_PACKAGE = "im/tandem/ice/cli/";
    /**
     * PDFBox's encryption, which uses Bouncy Castle, an optional dependency of PDFBox that the plugin leaves out (an
     * older one in Openfire 4.2.0 lacks a method it calls): it runs only for encrypted documents, and fax pages are
     * never encrypted.
     */
    private static final String PDF_ENCRYPTION_PACKAGE = "org.apache.pdfbox.pdmodel.encryption.";

    @Test
    void everyReferenceOfThePluginResolvesInTheOpenfireUnderTest() {
        List<String> problems = LinkageCheck.problems(HarnessPaths.pluginJar(), OPENFIRE.libraries()).stream()
                .filter(problem -> !isCommandLineUsingPicocli(problem))
                .filter(problem -> !isPdfEncryptionUsingBouncyCastle(problem)).toList();

        assertThat(problems).as("references in tandem.jar that do not link on %s", OPENFIRE).isEmpty();
    }

    /** What makes leaving picocli out safe: the plugin's other classes never reach the command-line programs. */
    @Test
    void noClassOutsideTheCommandLineProgramsReferencesThem() {
        ClassIndex plugin = ClassIndex.of(List.of(HarnessPaths.pluginJar()));

        List<String> referencing = plugin.definedClasses().stream()
                .filter(name -> !name.startsWith(COMMAND_LINE_PACKAGE))
                .filter(name -> ReferenceCollector.of(plugin.bytes(name)).stream()
                        .anyMatch(reference -> reference.owner().startsWith(COMMAND_LINE_PACKAGE)))
                .sorted().toList();

        assertThat(referencing).isEmpty();
    }

    private static boolean isPdfEncryptionUsingBouncyCastle(String problem) {
        return problem.startsWith(PDF_ENCRYPTION_PACKAGE) && problem.contains(" org.bouncycastle.");
    }

    private static boolean isCommandLineUsingPicocli(String problem) {
        return problem.startsWith(COMMAND_LINE_PACKAGE.replace('/', '.')) && problem.contains(" picocli.");
    }
}
