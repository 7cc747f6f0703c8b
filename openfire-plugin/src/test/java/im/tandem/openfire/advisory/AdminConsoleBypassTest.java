package im.tandem.openfire.advisory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminConsoleBypassTest {

    @ParameterizedTest(name = "{0}.{1}.{2} affected: {3}")
    @CsvSource({
            "3, 9, 3, false",
            "3, 10, 0, true",
            "4, 2, 0, true",
            "4, 6, 7, true",
            "4, 6, 8, false",
            "4, 7, 0, true",
            "4, 7, 4, true",
            "4, 7, 5, false",
            "4, 8, 0, false",
            "5, 1, 1, false"})
    void affectedVersionsAreThoseOfTheAdvisory(int major, int minor, int micro, boolean affected) {
        assertThat(AdminConsoleBypass.warningFor(major, minor, micro).isPresent()).isEqualTo(affected);
    }

    @Test
    void theWarningNamesTheVersionTheCveAndTheFixedReleases() {
        assertThat(AdminConsoleBypass.warningFor(4, 7, 4)).hasValueSatisfying(warning -> assertThat(warning)
                .startsWith("Openfire 4.7.4 has CVE-2023-32315")
                .contains("4.6.8").contains("4.7.5").contains("4.8.0"));
    }
}
