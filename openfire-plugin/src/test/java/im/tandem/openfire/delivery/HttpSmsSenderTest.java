package im.tandem.openfire.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import im.tandem.openfire.config.PropertyReader;
import im.tandem.openfire.notify.DeliveryChannel;

/** The gateway request body and the gateway settings; the wire itself is tested against a real HTTP server. */
class HttpSmsSenderTest {
    private static final OutboundMessage SMS = new OutboundMessage("id-7", DeliveryChannel.SMS, "+4915112345678",
            Optional.empty(), "Tandem: \"hi\" & bye\n", Optional.empty());

    @Test
    void placeholdersAreFormEncodedForAFormBody() {
        assertThat(HttpSmsSender.body(gateway("to={to}&text={text}&id={id}", "application/x-www-form-urlencoded"), SMS))
                .isEqualTo("to=%2B4915112345678&text=Tandem%3A+%22hi%22+%26+bye%0A&id=id-7");
    }

    @Test
    void placeholdersAreEscapedInsideJsonStrings() {
        assertThat(HttpSmsSender.body(gateway("{\"to\":\"{to}\",\"text\":\"{text}\"}", "application/json"), SMS))
                .isEqualTo("{\"to\":\"+4915112345678\",\"text\":\"Tandem: \\\"hi\\\" & bye\\n\"}");
    }

    @Test
    void theTransportIsOffUnlessChosenAndHttpNeedsAUsableUrl() {
        assertThat(SmsConfig.load(reader(Map.of())).transport()).isEqualTo(SmsConfig.Transport.NONE);
        assertThat(SmsConfig.load(reader(Map.of(SmsConfig.TRANSPORT, "SMPP"))).transport())
                .isEqualTo(SmsConfig.Transport.SMPP);
        assertThat(SmsConfig.load(reader(Map.of(SmsConfig.TRANSPORT, "carrier-pigeon"))).available()).isFalse();
        assertThat(SmsConfig.load(reader(Map.of(SmsConfig.TRANSPORT, "http"))).available())
                .as("http without a URL").isFalse();
        assertThat(SmsConfig.load(reader(Map.of(SmsConfig.TRANSPORT, "http", SmsConfig.HTTP_URL, "ftp://x/"))).available())
                .isFalse();
        SmsConfig http = SmsConfig.load(reader(Map.of(SmsConfig.TRANSPORT, "http",
                SmsConfig.HTTP_URL, "http://127.0.0.1:8080/send", SmsConfig.HTTP_USERNAME, "user")));
        assertThat(http.gateway()).hasValueSatisfying(gateway -> {
            assertThat(gateway.url()).isEqualTo(URI.create("http://127.0.0.1:8080/send"));
            assertThat(gateway.username()).contains("user");
            assertThat(gateway.template()).isEqualTo(SmsConfig.DEFAULT_TEMPLATE);
            assertThat(gateway.timeout()).isEqualTo(SmsConfig.DEFAULT_TIMEOUT);
        });
    }

    private static SmsConfig.HttpGateway gateway(String template, String contentType) {
        return new SmsConfig.HttpGateway(URI.create("http://127.0.0.1/"), Optional.empty(), "", template, contentType,
                Duration.ofSeconds(1));
    }

    private static PropertyReader reader(Map<String, String> values) {
        return new PropertyReader(values::get);
    }
}
