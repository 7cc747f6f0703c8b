package im.tandem.client.file.transport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import im.tandem.client.file.element.IbbTransport;
import im.tandem.client.file.element.S5bTransport;
import im.tandem.client.jingle.element.DtlsFingerprint;
import im.tandem.client.jingle.element.IceUdpTransport;

/**
 * How a file's bytes travel, in the order Tandem prefers them: the direct encrypted channel over ICE (Tandem
 * clients only), SOCKS5 bytestreams through the server's proxy (XEP-0260), in-band through the server (XEP-0261,
 * XEP-0234's transport of last resort).
 */
public enum TransportMethod {
    ICE("ice", IceUdpTransport.NAMESPACE, List.of(IceUdpTransport.NAMESPACE, DtlsFingerprint.NAMESPACE)),
    S5B("s5b", S5bTransport.NAMESPACE, List.of(S5bTransport.NAMESPACE)),
    IBB("ibb", IbbTransport.NAMESPACE, List.of(IbbTransport.NAMESPACE));

    private final String route;
    private final String namespace;
    private final List<String> features;

    TransportMethod(String route, String namespace, List<String> features) {
        this.route = route;
        this.namespace = namespace;
        this.features = features;
    }

    /** The short name shown to users and in the chat program's events. */
    public String route() {
        return route;
    }

    /** The namespace of the Jingle {@code <transport/>}. */
    public String namespace() {
        return namespace;
    }

    /** What a peer advertises (XEP-0030) when it can receive over this transport. */
    public List<String> features() {
        return features;
    }

    public static Optional<TransportMethod> ofNamespace(String namespace) {
        for (TransportMethod method : values()) {
            if (method.namespace.equals(namespace)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses a comma-separated list of route names such as {@code s5b,ibb}.
     *
     * @throws IllegalArgumentException naming {@code setting} and the allowed names
     */
    public static List<TransportMethod> parseList(String setting, String text) {
        List<TransportMethod> methods = new ArrayList<>();
        for (String word : text.split(",", -1)) {
            String name = word.strip().toLowerCase(Locale.ROOT);
            methods.add(Arrays.stream(values()).filter(method -> method.route.equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(setting + " takes a comma-separated list of ice, "
                            + "s5b and ibb, got '" + text + "'")));
        }
        return methods;
    }
}
