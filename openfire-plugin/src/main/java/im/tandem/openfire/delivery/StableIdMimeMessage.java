package im.tandem.openfire.delivery;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

/**
 * A MIME message whose Message-ID is the delivery's, not one JavaMail makes up whenever the message is
 * saved: a copy re-sent after a crash carries the same id, so mail systems and readers can drop it.
 */
final class StableIdMimeMessage extends MimeMessage {
    private final String messageId;

    StableIdMimeMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
