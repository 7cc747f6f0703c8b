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

    @Test
    void everyReferenceOfThePluginResolvesInTheOpenfireUnderTest() {
        List<String> problems = LinkageCheck.problems(HarnessPaths.pluginJar(), OPENFIRE.libraries());

        assertThat(problems).as("references in tandem.jar that do not link on %s", OPENFIRE).isEmpty();
    }
}
