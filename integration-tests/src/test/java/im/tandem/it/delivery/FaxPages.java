package im.tandem.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Reading a faxed PDF as a gateway would: its text through PDFBox, its page through Debian's pdftoppm (poppler, a
 * renderer apart from the library that made it). Rendered pages are kept under target/fax-pages/ to look at.
 */
final class FaxPages {
    /** Where the PNGs go: the build directory, which the tests run in. */
    static final Path KEPT = Path.of("target", "fax-pages");
    /** Fax resolution ("fine" mode is about 200 by 200 dots per inch). */
    private static final int DPI = 100;

    private FaxPages() {
    }

    /** The page's text as PDFBox extracts it. */
    static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).as("one page").isEqualTo(1);
            return new PDFTextStripper().getText(document);
        }
    }

    /**
     * Renders the page with pdftoppm into {@code name}.png under {@link #KEPT}, checks that it rendered without a
     * complaint and that ink is on it, and returns the PNG.
     */
    static Path render(byte[] pdf, String name) throws Exception {
        Files.createDirectories(KEPT);
        Path source = KEPT.resolve(name + ".pdf");
        Files.write(source, pdf);
        Path log = KEPT.resolve(name + ".log");
        Process pdftoppm = new ProcessBuilder("pdftoppm", "-png", "-r", Integer.toString(DPI), "-singlefile",
                source.toString(), KEPT.resolve(name).toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(pdftoppm.waitFor(60, TimeUnit.SECONDS)).as("pdftoppm finished").isTrue();
        String output = Files.readString(log);
        assertThat(pdftoppm.exitValue()).as("pdftoppm's exit status (%s)", output).isZero();
        assertThat(output).as("pdftoppm's complaints").isEmpty();
        Path png = KEPT.resolve(name + ".png");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG at %s", png).isNotNull();
        assertThat(darkPixels(image)).as("ink on the page").isGreaterThan(image.getWidth() * image.getHeight() / 500);
        return png;
    }

    private static long darkPixels(BufferedImage image) {
        long dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int luminance = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
                if (luminance < 128) {
                    dark++;
                }
            }
        }
        return dark;
    }
}
