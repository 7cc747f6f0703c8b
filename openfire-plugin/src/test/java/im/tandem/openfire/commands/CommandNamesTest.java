package im.tandem.openfire.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.jivesoftware.openfire.commands.AdHocCommand;
import org.junit.jupiter.api.Test;

/**
 * Clients list commands by the label Openfire reads from {@code getLabel()} (disco#items on the commands node).
 * Openfire's constructor takes it from {@code getDefaultLabel()} before a subclass has set its own fields, so a
 * label kept in a field must be set again.
 */
class CommandNamesTest {
    private static final CommandContext NO_STORES = new CommandContext(null, null, null, null, null, null, null, null,
            () -> 0, Clock.systemUTC());

    @Test
    void everyCommandIsListedUnderItsName() {
        List<AdHocCommand> commands = new ArrayList<>(new NotifyCommands(NO_STORES).all());
        commands.add(new ServerStatusCommand(Optional::empty, Map::of));

        assertThat(commands).hasSize(8).allSatisfy(command -> {
            assertThat(command.getLabel()).as(command.getCode()).isNotBlank().isEqualTo(command.getDefaultLabel());
        });
        assertThat(commands).extracting(AdHocCommand::getLabel).doesNotHaveDuplicates();
    }

    @Test
    void theFormIsTitledWithTheCommandsName() {
        ServerStatusCommand command = new ServerStatusCommand(Optional::empty, Map::of);
        Element element = DocumentHelper.createElement("command");

        command.report(element);

        assertThat(element.element("x").elementText("title")).isEqualTo("Tandem: STUN server and settings (admin)");
    }
}
