package im.tandem.openfire.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import im.tandem.openfire.config.PropertyReader;

/**
 * How SMS leave the server: through Openfire's SmsService over SMPP (its sms.smpp.* properties), through a
 * generic HTTP gateway, or not at all (the default: SMS costs money, so an admin turns it on).
 *
 * @param gateway the HTTP gateway, present only with transport HTTP and a usable URL
 */
public record SmsConfig(Transport transport, Optional<HttpGateway> gateway) {
    public static final String TRANSPORT = "tandem.notify.sms.transport";
    public static final String HTTP_URL = "tandem.notify.sms.http.url";
    public static final String HTTP_USERNAME = "tandem.notify.sms.http.username";
    public static final String HTTP_PASSWORD = "tandem.notify.sms.http.password";
    public static final String HTTP_TEMPLATE = "tandem.notify.sms.http.template";
    public static final String HTTP_CONTENT_TYPE = "tandem.notify.sms.http.contentType";
    public static final String HTTP_TIMEOUT = "tandem.notify.sms.http.timeout.seconds";

    /** The form most gateways take; {to}, {text} and {id} are replaced, encoded for the content type. */
    public static final String DEFAULT_TEMPLATE = "to={to}&text={text}&id={id}";
    public static final String DEFAULT_CONTENT_TYPE = "application/x-www-form-urlencoded";
    /** Ten seconds: a gateway slower than that is treated as down and the SMS is retried later. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public enum Transport {
        NONE,
        SMPP,
        HTTP
    }

    /**
     * An HTTP gateway: the message is POSTed to {@code url}, with basic authentication when a username is set.
     */
    public record HttpGateway(URI url, Optional<String> username, String password, String template,
            String contentType, Duration timeout) {
    }

    public static SmsConfig load(PropertyReader properties) {
        String name = properties.string(TRANSPORT, "none");
        Transport transport;
        try {
            transport = Transport.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            properties.report(TRANSPORT, name, "none, smpp or http", "none");
            transport = Transport.NONE;
        }
        if (transport != Transport.HTTP) {
            return new SmsConfig(transport, Optional.empty());
        }
        Optional<URI> url = HttpGateways.url(properties, HTTP_URL, TRANSPORT);
        if (url.isEmpty()) {
            return new SmsConfig(Transport.NONE, Optional.empty());
        }
        String username = properties.string(HTTP_USERNAME, "");
        return new SmsConfig(transport, Optional.of(new HttpGateway(url.get(),
                username.isEmpty() ? Optional.empty() : Optional.of(username), properties.string(HTTP_PASSWORD, ""),
                properties.string(HTTP_TEMPLATE, DEFAULT_TEMPLATE),
                properties.string(HTTP_CONTENT_TYPE, DEFAULT_CONTENT_TYPE),
                properties.seconds(HTTP_TIMEOUT, DEFAULT_TIMEOUT, Duration.ofSeconds(1), Duration.ofMinutes(5)))));
    }

    /** Whether SMS can be sent at all. */
    public boolean available() {
        return transport != Transport.NONE;
    }
}
