package im.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
    @Test
    void lineBreaksOfEveryKindAreShownEscaped() {
        assertThat(TerminalText.printable("one\ntwo\rthree\r\nfour\u2028five\u2029six\u0085seven\u000Beight\u000Cnine"))
                .isEqualTo("one\\ntwo\\rthree\\r\\nfour\\u2028five\\u2029six\\u0085seven\\u000Beight\\u000Cnine");
    }

    @Test
    void c0AndC1ControlsAreShownEscaped() {
        assertThat(TerminalText.printable("\u001B[2J\u001B]0;title\u0007bell\u0000nul\u007Fdel\u009Bcsi\ttab"))
                .isEqualTo("\\u001B[2J\\u001B]0;title\\u0007bell\\u0000nul\\u007Fdel\\u009Bcsi\\ttab");
    }

    @Test
    void bidiEmbeddingsOverridesAndIsolatesAreShownEscaped() {
        assertThat(TerminalText.printable("\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee\u2066f\u2067g\u2068h\u2069"))
                .isEqualTo("\\u202Aa\\u202Bb\\u202Cc\\u202Dd\\u202Ee\\u2066f\\u2067g\\u2068h\\u2069");
    }

    @Test
    void ordinaryTextOfAnyScriptIsLeftAlone() {
        String text = "Grüße, שלום, مرحبا, こんにちは 🙂 back\\slash → ok";
        assertThat(TerminalText.printable(text)).isEqualTo(text);
    }
}
