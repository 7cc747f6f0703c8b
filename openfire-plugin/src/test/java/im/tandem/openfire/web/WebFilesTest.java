package im.tandem.openfire.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs against the bundle the build put into the classes, as the plugin serves it. */
class WebFilesTest {
    @Test
    void theBundledFilesAreFoundWithTheirContentTypes() throws Exception {
        assertThat(WebFiles.find("embed.js")).hasValueSatisfying(file -> {
            assertThat(file.contentType()).isEqualTo("text/javascript;charset=utf-8");
            assertThat(file.bytes()).isNotEmpty();
            assertThat(file.isPage()).isFalse();
        });
        assertThat(WebFiles.find("embed.css")).hasValueSatisfying(
                file -> assertThat(file.contentType()).startsWith("text/css"));
        assertThat(WebFiles.find(WebFiles.INDEX)).hasValueSatisfying(file -> assertThat(file.isPage()).isTrue());
    }

    @Test
    void aNameThatIsNotAPlainFileNameOfTheBundleFindsNothing() throws Exception {
        assertThat(WebFiles.find("../../../TandemPlugin.class")).isEmpty();
        assertThat(WebFiles.find("..embed.js")).isEmpty();
        assertThat(WebFiles.find("sub/embed.js")).isEmpty();
        assertThat(WebFiles.find("/embed.js")).isEmpty();
        assertThat(WebFiles.find("WebFiles.class")).isEmpty();
        assertThat(WebFiles.find("missing.js")).isEmpty();
    }
}
