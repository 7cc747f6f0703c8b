package im.tandem.openfire.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The fax page as PDF: its size, its text as a reader extracts it, and text the font cannot show. */
class FaxPdfTest {
    private static final FaxPage PAGE = new FaxPage("Tandem: messages for alice@chat.example.org",
            "3 new messages", List.of(new FaxPage.Field("Server", "chat.example.org"),
                    new FaxPage.Field("To", "alice@chat.example.org")),
            List.of(new FaxPage.Block("bob@chat.example.org (2 messages)", List.of("09:15  lunch at noon?",
                    "09:16  Γειά σου, Привет, Grüße")), new FaxPage.Block("carol@chat.example.org",
                            List.of("10:02  你好 🙂 ok"))),
            "Log in to read and answer them.");

    @Test
    void theTextOfTheFieldsAndBlocksIsThereAsAReaderExtractsItWithGreekAndCyrillicIntact() throws Exception {
        String text = text(FaxPdf.render(PAGE, PageSize.A4));
        assertThat(text).contains("Tandem: messages for alice@chat.example.org").contains("3 new messages")
                .contains("Server: chat.example.org").contains("To: alice@chat.example.org")
                .contains("bob@chat.example.org (2 messages)").contains("09:15 lunch at noon?")
                .contains("Γειά σου, Привет, Grüße").contains("Log in to read and answer them.");
    }

    @Test
    void charactersTheFontLacksAreShownAsAMarkInsteadOfBreakingThePage() throws Exception {
        String text = text(FaxPdf.render(PAGE, PageSize.A4));
        assertThat(text).contains("10:02 " + FontCoverage.MISSING + FontCoverage.MISSING + " "
                + FontCoverage.MISSING + " ok");
    }

    @Test
    void thePageIsA4OrLetterAsSetAndTheFontIsEmbedded() throws Exception {
        try (PDDocument a4 = Loader.loadPDF(FaxPdf.render(PAGE, PageSize.A4));
                PDDocument letter = Loader.loadPDF(FaxPdf.render(PAGE, PageSize.LETTER))) {
            assertThat(a4.getNumberOfPages()).isEqualTo(1);
            PDPage page = a4.getPage(0);
            assertThat(page.getMediaBox().getWidth()).isEqualTo(595.27563f, org.assertj.core.data.Offset.offset(0.01f));
            assertThat(page.getMediaBox().getHeight()).isEqualTo(841.8898f, org.assertj.core.data.Offset.offset(0.01f));
            assertThat(letter.getPage(0).getMediaBox().getWidth()).isEqualTo(612f);
            assertThat(letter.getPage(0).getMediaBox().getHeight()).isEqualTo(792f);
            PDFont font = page.getResources().getFont(page.getResources().getFontNames().iterator().next());
            assertThat(font.isEmbedded()).isTrue();
            assertThat(font.getName()).contains("LiberationSans");
        }
    }

    @Test
    void aLongWordWrapsInsideTheMarginsAndWhatDoesNotFitOnOnePageIsCutWithANote() throws Exception {
        String word = "x".repeat(300);
        List<String> many = java.util.stream.IntStream.range(0, 200).mapToObj(i -> "line " + i).toList();
        FaxPage crowded = new FaxPage("Title", "Headline", List.of(),
                List.of(new FaxPage.Block("long", List.of(word)), new FaxPage.Block("many", many)), "footer");
        byte[] pdf = FaxPdf.render(crowded, PageSize.LETTER);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
        }
        String text = text(pdf);
        assertThat(text.replaceAll("\\s", "")).contains(word);
        assertThat(text).contains("line 0").doesNotContain("line 199").contains(FaxPdf.CUT).contains("footer");
    }

    @Test
    void controlCharactersAndEmptyTextDoNotBreakThePage() throws Exception {
        FaxPage odd = new FaxPage("", "\u0000\u0007", List.of(new FaxPage.Field("a\tb", "\r\n")),
                List.of(new FaxPage.Block("", List.of("", "\u200d\ufe0f"))), "");
        assertThat(text(FaxPdf.render(odd, PageSize.A4))).contains("a b:");
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
