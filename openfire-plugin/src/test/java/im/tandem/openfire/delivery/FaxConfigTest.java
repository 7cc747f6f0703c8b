package im.tandem.openfire.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import im.tandem.openfire.config.PropertyReader;
import im.tandem.openfire.pdf.PageSize;

/** The fax settings: off unless chosen, and a transport whose settings do not work counts as none. */
class FaxConfigTest {
    @Test
    void faxIsOffByDefaultOnA4() {
        FaxConfig config = FaxConfig.load(reader(Map.of()));
        assertThat(config.transport()).isEqualTo(FaxConfig.Transport.NONE);
        assertThat(config.available()).isFalse();
        assertThat(config.pageSize()).isEqualTo(PageSize.A4);
    }

    @Test
    void theEmailTransportNeedsATemplateThatMakesAnAddressFromTheNumbersDigits() {
        FaxConfig config = FaxConfig.load(reader(Map.of(FaxConfig.TRANSPORT, " Email ",
                FaxConfig.EMAIL_ADDRESS, "{number}@fax.example.net", FaxConfig.PAGE_SIZE, "Letter")));
        assertThat(config.transport()).isEqualTo(FaxConfig.Transport.EMAIL);
        assertThat(config.pageSize()).isEqualTo(PageSize.LETTER);
        assertThat(config.addressFor("+4930123456")).isEqualTo("4930123456@fax.example.net");

        assertThat(FaxConfig.load(reader(Map.of(FaxConfig.TRANSPORT, "email"))).available())
                .as("no template").isFalse();
        assertThat(FaxConfig.load(reader(Map.of(FaxConfig.TRANSPORT, "email",
                FaxConfig.EMAIL_ADDRESS, "fax@example.net"))).available()).as("no {number}").isFalse();
        assertThat(FaxConfig.load(reader(Map.of(FaxConfig.TRANSPORT, "email",
                FaxConfig.EMAIL_ADDRESS, "{number}@exa mple"))).available()).as("no address").isFalse();
    }

    @Test
    void theHttpTransportNeedsAUrlAndTakesItsFieldNamesAndCredentials() {
        FaxConfig config = FaxConfig.load(reader(Map.of(FaxConfig.TRANSPORT, "http",
                FaxConfig.HTTP_URL, "https://fax.example.net/send", FaxConfig.HTTP_USERNAME, "tandem",
                FaxConfig.HTTP_PASSWORD, "pw", FaxConfig.HTTP_TO_FIELD, "number",
                FaxConfig.HTTP_FILE_FIELD, "bad\"name", FaxConfig.HTTP_TIMEOUT, "5")));
        assertThat(config.transport()).isEqualTo(FaxConfig.Transport.HTTP);
        assertThat(config.gateway()).contains(new FaxConfig.HttpGateway(URI.create("https://fax.example.net/send"),
                Optional.of("tandem"), "pw", "number", FaxConfig.DEFAULT_FILE_FIELD, FaxConfig.DEFAULT_ID_FIELD,
                Duration.ofSeconds(5)));
        assertThat(FaxConfig.load(reader(Map.of(FaxConfig.TRANSPORT, "http"))).available()).isFalse();
        assertThat(FaxConfig.load(reader(Map.of(FaxConfig.TRANSPORT, "http", FaxConfig.HTTP_URL, "ftp://x/")))
                .available()).isFalse();
    }

    @Test
    void anUnknownTransportOrPageSizeFallsBackToTheDefault() {
        FaxConfig config = FaxConfig.load(reader(Map.of(FaxConfig.TRANSPORT, "pigeon", FaxConfig.PAGE_SIZE, "A3")));
        assertThat(config.available()).isFalse();
        assertThat(config.pageSize()).isEqualTo(FaxConfig.DEFAULT_PAGE_SIZE);
    }

    private static PropertyReader reader(Map<String, String> values) {
        return new PropertyReader(values::get);
    }
}
