package im.tandem.openfire.delivery;

import java.util.Optional;
import java.util.function.Supplier;

import im.tandem.openfire.pdf.FaxPage;
import im.tandem.openfire.pdf.FaxPdf;

/**
 * Sends a fax: lays its page out as PDF on the configured paper and hands it to the transport the admin chose,
 * looked up on every fax so that a change applies at once. By email the PDF is the message's only content, so that
 * a gateway that faxes an email's text as a cover page has none to fax.
 */
public final class FaxSender implements ChannelSender {
    static final String PDF = "application/pdf";

    private final Supplier<FaxConfig> config;
    private final EmailSender email;
    private final HttpFaxSender http = new HttpFaxSender();

    public FaxSender(Supplier<FaxConfig> config, EmailSender email) {
        this.config = config;
        this.email = email;
    }

    @Override
    public SendResult send(OutboundMessage message) {
        FaxConfig current = config.get();
        if (!current.available()) {
            // The admin may set a transport later; until the attempts run out the fax waits for it.
            return SendResult.tryAgain("no fax transport is configured (" + FaxConfig.TRANSPORT + ")");
        }
        Optional<FaxPage> page = message.page();
        if (page.isEmpty()) {
            return SendResult.giveUp("the delivery has no page to fax");
        }
        Attachment pdf;
        try {
            pdf = new Attachment("tandem-" + message.id() + ".pdf", PDF, FaxPdf.render(page.get(), current.pageSize()));
        } catch (RuntimeException e) {
            return SendResult.giveUp("the fax page could not be made: " + e);
        }
        return switch (current.transport()) {
            case EMAIL -> email.send(new OutboundMessage(message.id(), message.channel(),
                    current.addressFor(message.destination()), message.subject(), "", Optional.empty()),
                    Optional.of(pdf));
            case HTTP -> http.send(current.gateway().orElseThrow(), message, pdf);
            case NONE -> throw new IllegalStateException("checked above");
        };
    }
}
