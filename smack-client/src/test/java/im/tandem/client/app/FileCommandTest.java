package im.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import im.tandem.client.file.FileTransferConfig;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.ice.session.IceConfig;

/** The chat program's side of file transfer: the command, the options, the event fields and the progress bar. */
class FileCommandTest {
    @Test
    void fileTakesTheRestOfTheLineAsThePath() {
        assertThat(ChatInput.parse("/file bob@localhost /home/alice/My Documents/report.pdf"))
                .isEqualTo(new ChatInput.SendFile("bob@localhost", "/home/alice/My Documents/report.pdf"));
        assertThatThrownBy(() -> ChatInput.parse("/file bob@localhost")).hasMessage("usage: /file JID PATH");
    }

    @Test
    void aFileOfferIsAnsweredByItsId() {
        assertThat(ChatInput.parse("/accept-file 3")).isEqualTo(new ChatInput.AnswerFile("3", true));
        assertThat(ChatInput.parse("/decline-file 12")).isEqualTo(new ChatInput.AnswerFile("12", false));
        assertThatThrownBy(() -> ChatInput.parse("/accept-file")).hasMessage("usage: /accept-file ID");
    }

    @Test
    void contactsFilesAreAskedForOnATerminalAndTakenByAScriptUnlessTheOptionSaysOtherwise() {
        assertThat(ChatCommand.parse("alice@localhost").files().acceptFiles(true)).isEqualTo(AcceptFiles.ASK);
        assertThat(ChatCommand.parse("alice@localhost").files().acceptFiles(false)).isEqualTo(AcceptFiles.CONTACTS);
        assertThat(ChatCommand.parse("alice@localhost", "--accept-files", "none").files().acceptFiles(true))
                .isEqualTo(AcceptFiles.NONE);
        assertThat(ChatCommand.parse("alice@localhost", "--accept-files", "ask").files().acceptFiles(false))
                .isEqualTo(AcceptFiles.ASK);
        assertThat(ChatCommand.parse("alice@localhost", "--accept-files", "Contacts").files().acceptFiles(true))
                .isEqualTo(AcceptFiles.CONTACTS);
        assertThatThrownBy(() -> ChatCommand.parse("alice@localhost", "--accept-files", "all"))
                .hasMessage("--accept-files takes ask, contacts or none; got 'all'");
    }

    @Test
    void namesAndPathsBecomeFieldsWithoutWhiteSpaceAndComeBackUnchanged() {
        String name = "année 100% fini\t.txt";
        String field = FileFields.encode(name);

        assertThat(field).isEqualTo("année%20100%25%20fini%09.txt").doesNotContainAnyWhitespaces();
        assertThat(FileFields.decode(field)).isEqualTo(name);
        assertThat(FileFields.encode("")).isEqualTo(FileFields.NONE);
        assertThat(new ChatEvent("file-offer", List.of("bob@localhost", "3", field), null).toLine())
                .isEqualTo("file-offer bob@localhost 3 année%20100%25%20fini%09.txt");
    }

    @Test
    void theProgressBarFillsWithThePercentage() {
        assertThat(ProgressBar.render(50, 2_400_000, "big.iso (bob@localhost)"))
                .isEqualTo("[" + "#".repeat(15) + ".".repeat(15) + "]  50%  2.4 MB/s  big.iso (bob@localhost)");
        assertThat(ProgressBar.render(100, 999, "x")).startsWith("[" + "#".repeat(ProgressBar.CELLS) + "] 100%  999 B/s");
    }

    @Test
    void withoutDirectSessionsFilesDoNotGoDirect() {
        FileOptions options = FileOptions.none().withDownloads("/tmp/in").withTransports("ice,s5b,ibb");

        FileTransferConfig withoutDirect = options.applyTo(FileTransferConfig.defaults(), Optional.empty());
        FileTransferConfig withDirect = options.applyTo(FileTransferConfig.defaults(),
                Optional.of(IceConfig.defaults().withAllowedInterfaces(List.of("eth0"))));

        assertThat(withoutDirect.transports()).containsExactly(TransportMethod.S5B, TransportMethod.IBB);
        assertThat(withoutDirect.downloadDirectory()).isEqualTo(Path.of("/tmp/in"));
        assertThat(withDirect.transports()).containsExactly(TransportMethod.ICE, TransportMethod.S5B,
                TransportMethod.IBB);
        assertThat(withDirect.ice().allowedInterfaces()).containsExactly("eth0");
        assertThat(withoutDirect.directS5bCandidates()).as("a contact's own SOCKS5 host").isFalse();
        assertThat(withDirect.directS5bCandidates()).isTrue();
    }

    @Test
    void optionsAreCheckedWhenRead() {
        assertThatThrownBy(() -> FileOptions.none().withTransports("ibb,s5b"))
                .hasMessageStartingWith("--file-transports").hasMessageContaining("ibb last");
        assertThatThrownBy(() -> FileOptions.none().withTransports("ice").requireDirectFor(false))
                .hasMessageContaining("--direct");
        assertThatThrownBy(() -> ChatCommand.parse("alice@localhost", "--downloads"))
                .hasMessage("Missing required parameter for option '--downloads' (DIR)");
    }
}
