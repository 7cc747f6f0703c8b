package im.tandem.openfire.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import im.tandem.openfire.config.PropertyReader;

/** What the SMS and the fax HTTP gateways share: their URL setting, basic authentication, and how answers count. */
final class HttpGateways {
    private HttpGateways() {
    }

    /** The gateway's http(s) URL, or empty (reported) when the setting holds none. */
    static Optional<URI> url(PropertyReader properties, String property, String transportProperty) {
        String value = properties.string(property, "");
        try {
            URI url = new URI(value);
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null) {
                return Optional.of(url);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        properties.report(property, value, "the gateway's http:// or https:// URL when " + transportProperty
                + " is http", "no transport");
        return Optional.empty();
    }

    static String basicAuthorization(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A 2xx answer means sent; 408, 429 and 5xx may pass and are retried; any other answer is the gateway
     * refusing the message for good.
     *
     * @param gateway "SMS gateway" or "fax gateway", for the reason kept with the delivery
     */
    static SendResult result(int status, String gateway) {
        if (status >= 200 && status < 300) {
            return SendResult.sent();
        }
        String reason = gateway + " answered HTTP " + status;
        return status == 408 || status == 429 || status >= 500 ? SendResult.tryAgain(reason)
                : SendResult.giveUp(reason);
    }
}
