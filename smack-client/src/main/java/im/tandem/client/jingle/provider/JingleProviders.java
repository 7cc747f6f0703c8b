package im.tandem.client.jingle.provider;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleContentDescription;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;

/**
 * Installs our strict {@code <jingle/>} parser in place of Smack's, for every connection in this JVM, and lets
 * further applications (such as file transfer) add the strict parsers of their own descriptions, transports and
 * session-info payloads. Whatever is not registered keeps its default treatment: unknown descriptions and
 * transports are kept whole (so the session can refuse them), unknown session-info payloads are refused.
 */
public final class JingleProviders {
    private JingleProviders() {
    }

    /**
     * Replaces Smack's Jingle IQ provider with {@link StrictJingleProvider}. Idempotent. ProviderManager makes
     * sure Smack's own startup registrations have run first, so they cannot overwrite ours afterwards.
     */
    public static void register() {
        ProviderManager.addIQProvider(Jingle.ELEMENT, Jingle.NAMESPACE, StrictJingleProvider.INSTANCE);
    }

    /** Parses {@code <description xmlns='namespace'/>} with {@code provider}; idempotent. */
    public static void registerApplication(String namespace,
            ExtensionElementProvider<? extends JingleContentDescription> provider) {
        JingleContentParser.addApplication(namespace, provider);
    }

    /** Parses {@code <transport xmlns='namespace'/>} with {@code provider}; idempotent. */
    public static void registerTransport(String namespace,
            ExtensionElementProvider<? extends JingleContentTransport> provider) {
        JingleContentParser.addTransport(namespace, provider);
    }

    /**
     * Parses session-info payloads in {@code namespace} with {@code provider} and attaches them to the Jingle as
     * extensions, instead of refusing them with {@code <unsupported-info/>}; idempotent.
     */
    public static void registerSessionInfo(String namespace, ExtensionElementProvider<? extends ExtensionElement> provider) {
        StrictJingleProvider.addSessionInfo(namespace, provider);
    }
}
