package im.tandem.it.bench;

/** The byte-stream links the channel benchmark compares, all between the same two namespaces. */
enum LinkKind {
    TCP("kernel TCP"),
    TLS("TLS 1.3 over TCP (JDK)"),
    CHANNEL_UDP_JAVA("channel (TLS 1.3 over our ARQ) on a plain UDP socket, Java's (no segmentation offloads)"),
    CHANNEL_UDP("channel on a plain UDP socket with the offloads (the default on Linux)"),
    CHANNEL_ICE("channel on the ICE-selected host path");

    private final String description;

    LinkKind(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
