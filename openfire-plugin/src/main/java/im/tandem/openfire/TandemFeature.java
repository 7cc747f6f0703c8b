package im.tandem.openfire;

/** The disco#info feature by which clients recognise a server running the Tandem plugin. */
public final class TandemFeature {
    /** Advertised in the server's disco#info while the plugin is loaded. */
    public static final String NAMESPACE = "https://tandem.im/ns/server";

    private TandemFeature() {
    }
}
