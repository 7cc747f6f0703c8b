package im.tandem.openfire.notify;

import java.sql.SQLException;

/** Where a one-time code goes to be sent: the durable delivery queue in the server. */
@FunctionalInterface
public interface CodeOutbox {
    /** Queues the code's message; it is sent, and retried, like any delivery. */
    void queue(String username, DeliveryChannel channel, String destination, String subject, String body)
            throws SQLException;
}
