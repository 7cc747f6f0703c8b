package im.tandem.client.file.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeFileNameTest {
    @TempDir
    Path root;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "report.pdf|report.pdf",
        "../../etc/passwd|passwd",
        "C:\\Users\\x\\evil.exe|evil.exe",
        ".bashrc|bashrc",
        "..|file",
        "' '|file",
        "a\u0000b\tc.txt|abc.txt"
    })
    void namesFromTheSenderBecomeOnePlainFileName(String offered, String safe) {
        assertThat(SafeFileName.of(offered)).isEqualTo(safe);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "invoice\u202Efdp.exe|invoicefdp.exe",
        "\u2067photo\u2069.jpg|photo.jpg",
        "pay\u200Bpal\u200D.html|paypal.html",
        "\uFEFFnotes.txt|notes.txt",
        "line\u2028break.txt|linebreak.txt"
    })
    void formatAndBidiCharactersAreRemovedSoTheNameShownIsTheNameKept(String offered, String safe) {
        assertThat(SafeFileName.of(offered)).isEqualTo(safe);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\u3000.bashrc|bashrc",
        "\u00A0 . .profile|profile",
        ". \u2003.ssh|ssh",
        "notes.txt. . |notes.txt",
        "a\u00A0b.txt|a b.txt"
    })
    void noWhiteSpaceOfAnyKindHidesALeadingDot(String offered, String safe) {
        assertThat(SafeFileName.of(offered)).isEqualTo(safe);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CON|_CON",
        "con.txt|_con.txt",
        "Nul.tar.gz|_Nul.tar.gz",
        "lpt9.log|_lpt9.log",
        "COM\u00B9|_COM\u00B9",
        "console.txt|console.txt",
        "com10.txt|com10.txt",
        "what?<now>|what__now_",
        "a:b\"c*d.txt|a_b_c_d.txt"
    })
    void namesWindowsReservesAreMappedToPlainFiles(String offered, String safe) {
        assertThat(SafeFileName.of(offered)).isEqualTo(safe);
    }

    @Test
    void aLongNameIsCutToItsByteLimitAtACharacterBoundaryKeepingItsExtension() {
        String cjk = "\u6587".repeat(200) + ".pdf"; // 3 bytes each in UTF-8
        String emoji = "\uD83D\uDE00".repeat(120); // 4 bytes each, two UTF-16 units

        String shortCjk = SafeFileName.of(cjk);
        String shortEmoji = SafeFileName.of(emoji);

        assertThat(shortCjk).endsWith(".pdf").startsWith("\u6587");
        assertThat(shortCjk.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(SafeFileName.MAX_NAME_BYTES);
        assertThat(shortCjk.length()).isEqualTo((SafeFileName.MAX_NAME_BYTES - 4) / 3 + 4);
        assertThat(shortEmoji.getBytes(StandardCharsets.UTF_8)).hasSize(SafeFileName.MAX_NAME_BYTES);
        assertThat(shortEmoji.codePoints()).allMatch(c -> c == 0x1F600);
    }

    @Test
    void aNameThatWasCutAndNumberedStillFitsTheFileSystem() throws Exception {
        DownloadFolder folder = new DownloadFolder(root);
        String offered = "\u6587".repeat(200) + ".pdf";
        Path first = folder.temporaryFile();
        Path second = folder.temporaryFile();

        Path kept = folder.keep(first, offered);
        Path keptAgain = folder.keep(second, offered);

        assertThat(kept).exists();
        assertThat(keptAgain).exists().isNotEqualTo(kept);
        assertThat(keptAgain.getFileName().toString()).endsWith(" (1).pdf");
        try (var files = Files.list(root)) {
            assertThat(files).hasSize(2);
        }
    }

    @Test
    void anUnpairedSurrogateIsDroppedRatherThanMakingAnUnusablePath() throws Exception {
        String broken = "half\uD83D.txt";

        assertThat(SafeFileName.of(broken)).isEqualTo("half.txt");
        Path kept = new DownloadFolder(root).keep(new DownloadFolder(root).temporaryFile(), broken);
        assertThat(kept.getFileName().toString()).isEqualTo("half.txt");
    }
}
