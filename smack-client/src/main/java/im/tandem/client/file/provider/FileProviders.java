package im.tandem.client.file.provider;

import im.tandem.client.file.element.FileDescription;
import im.tandem.client.file.element.IbbTransport;
import im.tandem.client.file.element.S5bTransport;
import im.tandem.client.jingle.provider.JingleProviders;

/** Teaches our Jingle parser file transfer: its description, its two stream transports and its session-info. */
public final class FileProviders {
    private FileProviders() {
    }

    /** Idempotent; for every connection in this JVM. */
    public static void register() {
        JingleProviders.register();
        JingleProviders.registerApplication(FileDescription.NAMESPACE, FileDescriptionProvider.INSTANCE);
        JingleProviders.registerTransport(S5bTransport.NAMESPACE, S5bTransportProvider.INSTANCE);
        JingleProviders.registerTransport(IbbTransport.NAMESPACE, IbbTransportProvider.INSTANCE);
        JingleProviders.registerSessionInfo(FileDescription.NAMESPACE, FileSessionInfoProvider.INSTANCE);
    }
}
