package im.tandem.client.chat;

import java.util.Locale;

/** How a conversation's messages travel. */
public enum Route {
    /** As ordinary XMPP messages through the server: before a direct session is up, and whenever it fails. */
    SERVER,
    /** Over an end-to-end encrypted XML stream on an ICE path (host, server-reflexive or TURN-relayed). */
    DIRECT;

    /** The word the chat program prints: {@code server} or {@code direct}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
