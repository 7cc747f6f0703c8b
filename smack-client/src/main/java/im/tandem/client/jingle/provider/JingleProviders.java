package im.tandem.client.jingle.provider;

import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smackx.jingle.element.Jingle;

/** Installs our strict {@code <jingle/>} parser in place of Smack's, for every connection in this JVM. */
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
}
