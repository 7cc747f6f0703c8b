package im.tandem.client.file;

/**
 * Decides about a file a mutual contact offers (strangers are declined before this is asked). It must answer, now
 * or later and from any thread, with {@link IncomingFileOffer#accept} or {@link IncomingFileOffer#decline}, and
 * must not block.
 */
@FunctionalInterface
public interface IncomingFileHandler {
    void offered(IncomingFileOffer offer);
}
