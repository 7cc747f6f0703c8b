package im.tandem.openfire.delivery;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Sends SMS by POSTing to a generic HTTP gateway. The body template's {to}, {text} and {id} are replaced,
 * encoded for the content type (form-encoded, or escaped inside a JSON string). A 2xx answer is success;
 * 408, 429 and 5xx are retried; any other answer means the gateway refused the message for good.
 */
public final class HttpSmsSender implements ChannelSender {
    private final Supplier<SmsConfig> config;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public HttpSmsSender(Supplier<SmsConfig> config) {
        this.config = config;
    }

    @Override
    public SendResult send(OutboundMessage message) {
        SmsConfig.HttpGateway gateway = config.get().gateway().orElse(null);
        if (gateway == null) {
            return SendResult.tryAgain("the HTTP SMS gateway is not configured (" + SmsConfig.HTTP_URL + ")");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.url())
                .timeout(gateway.timeout())
                .header("Content-Type", gateway.contentType())
                .header("X-Tandem-Delivery", message.id())
                .POST(HttpRequest.BodyPublishers.ofString(body(gateway, message), StandardCharsets.UTF_8));
        gateway.username().ifPresent(user -> request.header("Authorization",
                HttpGateways.basicAuthorization(user, gateway.password())));
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return HttpGateways.result(response.statusCode(), "SMS gateway");
        } catch (IOException e) {
            return SendResult.tryAgain("SMS gateway unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.tryAgain("interrupted while sending to the SMS gateway");
        }
    }

    static String body(SmsConfig.HttpGateway gateway, OutboundMessage message) {
        String type = gateway.contentType().toLowerCase(Locale.ROOT);
        return gateway.template()
                .replace("{to}", encode(type, message.destination()))
                .replace("{text}", encode(type, message.text()))
                .replace("{id}", encode(type, message.id()));
    }

    private static String encode(String contentType, String value) {
        if (contentType.contains("x-www-form-urlencoded")) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
        if (contentType.contains("json")) {
            return jsonEscape(value);
        }
        return value;
    }

    private static String jsonEscape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
