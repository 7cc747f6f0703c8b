package im.tandem.openfire.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import im.tandem.openfire.notify.DeliveryChannel;
import im.tandem.openfire.pdf.FaxPage;
import im.tandem.openfire.pdf.PageSize;

/** What a fax puts on the wire without a gateway: the multipart body, the email with the PDF, and when it waits. */
class FaxSenderTest {
    private static final FaxPage PAGE = new FaxPage("Title", "1 new message", List.of(), List.of(), "footer");
    private static final OutboundMessage FAX = new OutboundMessage("id-9", DeliveryChannel.FAX, "+4930123456",
            Optional.of("Title"), "", Optional.empty(), Optional.of(PAGE));
    private static final Attachment PDF = new Attachment("tandem-id-9.pdf", FaxSender.PDF,
            "%PDF-1.4 binary\r\n--".getBytes(StandardCharsets.ISO_8859_1));

    @Test
    void theMultipartBodyNamesTheNumberTheIdAndTheFileInTheConfiguredFields() {
        FaxConfig.HttpGateway gateway = new FaxConfig.HttpGateway(URI.create("http://127.0.0.1/fax"),
                Optional.empty(), "", "number", "document", "reference", Duration.ofSeconds(5));
        String body = new String(HttpFaxSender.body(gateway, FAX, PDF, "BOUNDARY"), StandardCharsets.ISO_8859_1);
        assertThat(body).isEqualTo("--BOUNDARY\r\nContent-Disposition: form-data; name=\"number\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n+4930123456\r\n"
                + "--BOUNDARY\r\nContent-Disposition: form-data; name=\"reference\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nid-9\r\n"
                + "--BOUNDARY\r\nContent-Disposition: form-data; name=\"document\"; filename=\"tandem-id-9.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n%PDF-1.4 binary\r\n--\r\n--BOUNDARY--\r\n");
    }

    @Test
    void byEmailThePdfIsTheOnlyPartSoThatNoCoverTextIsFaxed() throws Exception {
        EmailSender email = new EmailSender("chat.example.org", () -> "", () -> Duration.ofMinutes(1));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        email.compose(new OutboundMessage("id-9", DeliveryChannel.FAX, "4930123456@fax.example.net",
                Optional.of("Title"), "", Optional.empty()), Optional.of(PDF)).writeTo(wire);
        String mail = wire.toString(StandardCharsets.ISO_8859_1);
        assertThat(mail).contains("To: 4930123456@fax.example.net").contains("X-Tandem-Delivery: id-9")
                .contains("multipart/mixed").contains("Content-Type: application/pdf")
                .contains("filename=tandem-id-9.pdf").doesNotContain("text/plain");
    }

    @Test
    void withoutATransportTheFaxWaitsAndIsNotRendered() {
        FaxSender sender = new FaxSender(() -> new FaxConfig(FaxConfig.Transport.NONE, PageSize.A4, Optional.empty(),
                Optional.empty()), null);
        SendResult result = sender.send(FAX);
        assertThat(result.status()).isEqualTo(SendResult.Status.TRY_AGAIN);
        assertThat(result.detail()).contains(FaxConfig.TRANSPORT);
    }

    @Test
    void anHttpGatewayThatCannotBeReachedIsRetried() {
        FaxSender sender = new FaxSender(() -> new FaxConfig(FaxConfig.Transport.HTTP, PageSize.A4, Optional.empty(),
                Optional.of(new FaxConfig.HttpGateway(URI.create("http://127.0.0.1:1/fax"), Optional.empty(), "",
                        "to", "file", "id", Duration.ofSeconds(2)))), null);
        SendResult result = sender.send(FAX);
        assertThat(result.status()).isEqualTo(SendResult.Status.TRY_AGAIN);
        assertThat(result.detail()).startsWith("fax gateway unreachable");
    }
}
