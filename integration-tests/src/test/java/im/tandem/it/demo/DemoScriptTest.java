package im.tandem.it.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import im.tandem.it.direct.DirectLab;

/** `./tandem demo` with its defaults: two chat programs behind port-restricted cone NATs go direct. */
@Tag("lab")
@Tag("server")
class DemoScriptTest {
    @Test
    void theConversationGoesDirectThroughTheNatsAndBothColumnsShowIt() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        DemoScript.Outcome outcome;
        try (DirectLab lab = DirectLab.start(Map.of(DemoScript.ALICE_CLIENT, DemoCommand.DEFAULT_NAT,
                DemoScript.BOB_CLIENT, DemoCommand.DEFAULT_NAT));
             DemoScript script = new DemoScript(lab, out)) {
            outcome = script.run();
        }

        assertThat(outcome.route()).isEqualTo("direct");
        assertThat(outcome.path()).isEqualTo("srflx");
        assertThat(outcome.messages()).containsExactly(
                "alice → bob [server]: hello bob, this goes through the server while a direct path is tried",
                "alice → bob [direct]: and this one goes direct",
                "bob → alice [direct]: hi alice, my answer takes the same way");
        assertThat(outcome.summary()).contains("went direct over the srflx path");
        String screen = printed.toString(StandardCharsets.UTF_8);
        assertThat(screen.lines()).as("alice's column").anyMatch(line -> line.startsWith(
                "route bob@tandem.lab direct srflx "));
        assertThat(screen.lines()).as("bob's column").anyMatch(line -> line.matches(
                " +\\| message alice@tandem.lab direct and this one goes direct"));
    }
}
