package im.tandem.openfire.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import im.tandem.openfire.config.PropertyReader;
import im.tandem.openfire.notify.EmailAddress;
import im.tandem.openfire.notify.InvalidValueException;
import im.tandem.openfire.pdf.PageSize;

/**
 * How faxes leave the server: as a PDF attached to an email to an email-to-fax gateway (through Openfire's mail
 * service), as a multipart POST to an HTTP fax API, or not at all (the default: faxes cost money, so an admin
 * turns them on).
 *
 * @param pageSize     the paper the page is laid out for
 * @param emailAddress the gateway's address template with {number}; present only with transport EMAIL
 * @param gateway      the HTTP fax API; present only with transport HTTP and a usable URL
 */
public record FaxConfig(Transport transport, PageSize pageSize, Optional<String> emailAddress,
        Optional<HttpGateway> gateway) {
    public static final String TRANSPORT = "tandem.notify.fax.transport";
    public static final String PAGE_SIZE = "tandem.notify.fax.pageSize";
    public static final String EMAIL_ADDRESS = "tandem.notify.fax.email.address";
    public static final String HTTP_URL = "tandem.notify.fax.http.url";
    public static final String HTTP_USERNAME = "tandem.notify.fax.http.username";
    public static final String HTTP_PASSWORD = "tandem.notify.fax.http.password";
    public static final String HTTP_TO_FIELD = "tandem.notify.fax.http.field.to";
    public static final String HTTP_FILE_FIELD = "tandem.notify.fax.http.field.file";
    public static final String HTTP_ID_FIELD = "tandem.notify.fax.http.field.id";
    public static final String HTTP_TIMEOUT = "tandem.notify.fax.http.timeout.seconds";
    /** In the address template, the number's E.164 digits without the +, as email-to-fax gateways take them. */
    public static final String NUMBER = "{number}";

    /** A4: the paper of nearly every country but the United States and Canada, where admins choose Letter. */
    public static final PageSize DEFAULT_PAGE_SIZE = PageSize.A4;
    /** The form field names most fax APIs use for the number, the document and a reference of the sender's. */
    public static final String DEFAULT_TO_FIELD = "to";
    public static final String DEFAULT_FILE_FIELD = "file";
    public static final String DEFAULT_ID_FIELD = "id";
    /** Thirty seconds: uploading a page takes longer than an SMS; an API slower than that is treated as down. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** A number in the shape of E.164, only to check that the template makes an email address. */
    private static final String SAMPLE_DIGITS = "4930123456";

    public enum Transport {
        NONE,
        EMAIL,
        HTTP
    }

    /**
     * An HTTP fax API: the page is POSTed to {@code url} as multipart/form-data with the number (E.164, with +),
     * the PDF and the delivery id in the named fields; basic authentication when a username is set.
     */
    public record HttpGateway(URI url, Optional<String> username, String password, String toField,
            String fileField, String idField, Duration timeout) {
    }

    public static FaxConfig load(PropertyReader properties) {
        String name = properties.string(TRANSPORT, "none");
        Transport transport;
        try {
            transport = Transport.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            properties.report(TRANSPORT, name, "none, email or http", "none");
            transport = Transport.NONE;
        }
        String sizeName = properties.string(PAGE_SIZE, DEFAULT_PAGE_SIZE.id());
        PageSize pageSize = PageSize.byId(sizeName).orElseGet(() -> {
            properties.report(PAGE_SIZE, sizeName, "a4 or letter", DEFAULT_PAGE_SIZE.id());
            return DEFAULT_PAGE_SIZE;
        });
        return switch (transport) {
            case NONE -> new FaxConfig(Transport.NONE, pageSize, Optional.empty(), Optional.empty());
            case EMAIL -> emailAddress(properties)
                    .map(address -> new FaxConfig(Transport.EMAIL, pageSize, Optional.of(address), Optional.empty()))
                    .orElseGet(() -> new FaxConfig(Transport.NONE, pageSize, Optional.empty(), Optional.empty()));
            case HTTP -> httpGateway(properties)
                    .map(gateway -> new FaxConfig(Transport.HTTP, pageSize, Optional.empty(), Optional.of(gateway)))
                    .orElseGet(() -> new FaxConfig(Transport.NONE, pageSize, Optional.empty(), Optional.empty()));
        };
    }

    /** Whether faxes can be sent at all. */
    public boolean available() {
        return transport != Transport.NONE;
    }

    /** The email-to-fax gateway's address for an E.164 number. */
    public String addressFor(String e164) {
        return emailAddress.orElseThrow(() -> new IllegalStateException("no email-to-fax address is set"))
                .replace(NUMBER, e164.startsWith("+") ? e164.substring(1) : e164);
    }

    private static Optional<String> emailAddress(PropertyReader properties) {
        String template = properties.string(EMAIL_ADDRESS, "").trim();
        String expected = "an address with " + NUMBER + " where the number's digits go, such as "
                + NUMBER + "@fax.example.net, when " + TRANSPORT + " is email";
        if (!template.contains(NUMBER)) {
            properties.report(EMAIL_ADDRESS, template, expected, "no fax transport");
            return Optional.empty();
        }
        try {
            EmailAddress.parse(template.replace(NUMBER, SAMPLE_DIGITS));
            return Optional.of(template);
        } catch (InvalidValueException e) {
            properties.report(EMAIL_ADDRESS, template, expected + " (" + e.getMessage() + ")", "no fax transport");
            return Optional.empty();
        }
    }

    private static Optional<HttpGateway> httpGateway(PropertyReader properties) {
        return HttpGateways.url(properties, HTTP_URL, TRANSPORT).map(url -> {
            String username = properties.string(HTTP_USERNAME, "");
            return new HttpGateway(url, username.isEmpty() ? Optional.empty() : Optional.of(username),
                    properties.string(HTTP_PASSWORD, ""), field(properties, HTTP_TO_FIELD, DEFAULT_TO_FIELD),
                    field(properties, HTTP_FILE_FIELD, DEFAULT_FILE_FIELD),
                    field(properties, HTTP_ID_FIELD, DEFAULT_ID_FIELD),
                    properties.seconds(HTTP_TIMEOUT, DEFAULT_TIMEOUT, Duration.ofSeconds(1), Duration.ofMinutes(5)));
        });
    }

    /** A form field name goes into a quoted header parameter: a quote or line break would break the request. */
    private static String field(PropertyReader properties, String property, String fallback) {
        String name = properties.string(property, fallback).trim();
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != '\\')) {
            properties.report(property, name, "a form field name of printable ASCII without quotes", fallback);
            return fallback;
        }
        return name;
    }
}
