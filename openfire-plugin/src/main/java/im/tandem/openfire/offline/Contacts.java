package im.tandem.openfire.offline;

/** Whether a sender is one of the user's contacts (a roster entry with a presence subscription). */
@FunctionalInterface
public interface Contacts {
    boolean isContact(String username, String senderBareJid);
}
