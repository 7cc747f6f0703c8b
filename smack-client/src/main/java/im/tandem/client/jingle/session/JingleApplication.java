package im.tandem.client.jingle.session;

import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleContent;

/**
 * A Jingle application (the XML stream of direct chat, file transfer) as the {@link JingleRouter} sees it: it
 * takes the session-initiates whose first content carries its {@link #namespace() description}. The router
 * answers every request and makes the checks all applications share; the application makes its sessions and
 * decides about offers.
 */
public interface JingleApplication {
    /** The namespace of the application's {@code <description/>}. */
    String namespace();

    /** Whether an offered content carries everything the application needs to read it: by default, both parts. */
    default boolean complete(JingleContent content) {
        return content.getDescription() != null && content.getTransport() != null;
    }

    /** What {@link #complete} asks of a content, for the bad-request text. */
    default String completeContent() {
        return "a <description/> and a <transport/>";
    }

    /** A session for {@code offer}, which has passed the router's checks; the router registers it. */
    RoutedSession incoming(SessionKey key, Jingle offer);

    /**
     * Decides about an offer once it is acknowledged and its sender is known to be a mutual contact: refuses what
     * the application cannot take (with {@link RoutedSession#terminate}) or hands it to the user. Runs on the
     * signalling thread, so it must not block.
     */
    void offered(RoutedSession session, Jingle offer);
}
