package im.tandem.openfire.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Sends a fax page to an HTTP fax API as multipart/form-data: the number, the PDF and the delivery id in the fields
 * the admin named. Answers count as for the SMS gateway: 2xx sent; 408, 429, 5xx and network errors retried; any
 * other answer fails the delivery for good.
 */
final class HttpFaxSender {
    private static final String CRLF = "\r\n";
    private static final int BOUNDARY_BYTES = 16;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final SecureRandom random = new SecureRandom();

    SendResult send(FaxConfig.HttpGateway gateway, OutboundMessage message, Attachment pdf) {
        // A random boundary cannot occur inside the PDF by chance.
        String boundary = "tandem-" + HexFormat.of().formatHex(bytes());
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.url())
                .timeout(gateway.timeout())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("X-Tandem-Delivery", message.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(gateway, message, pdf, boundary)));
        gateway.username().ifPresent(user -> request.header("Authorization",
                HttpGateways.basicAuthorization(user, gateway.password())));
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return HttpGateways.result(response.statusCode(), "fax gateway");
        } catch (IOException e) {
            return SendResult.tryAgain("fax gateway unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.tryAgain("interrupted while sending to the fax gateway");
        }
    }

    private byte[] bytes() {
        byte[] bytes = new byte[BOUNDARY_BYTES];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] body(FaxConfig.HttpGateway gateway, OutboundMessage message, Attachment pdf, String boundary) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        text(body, boundary, gateway.toField(), message.destination());
        text(body, boundary, gateway.idField(), message.id());
        ascii(body, "--" + boundary + CRLF + "Content-Disposition: form-data; name=\"" + gateway.fileField()
                + "\"; filename=\"" + pdf.fileName() + "\"" + CRLF + "Content-Type: " + pdf.contentType() + CRLF
                + CRLF);
        body.writeBytes(pdf.content());
        ascii(body, CRLF + "--" + boundary + "--" + CRLF);
        return body.toByteArray();
    }

    private static void text(ByteArrayOutputStream body, String boundary, String field, String value) {
        ascii(body, "--" + boundary + CRLF + "Content-Disposition: form-data; name=\"" + field + "\"" + CRLF
                + "Content-Type: text/plain; charset=UTF-8" + CRLF + CRLF);
        body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        ascii(body, CRLF);
    }

    private static void ascii(ByteArrayOutputStream body, String text) {
        body.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
