package im.tandem.ice.channel;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;

/**
 * Builds the JDK TLS engine for one channel: our identity as the key, the peer's fingerprint as the only trust.
 * A fresh context per channel means no session is ever resumed across channels, so every handshake checks the
 * certificate against the fingerprint of this session's signalling.
 */
final class TlsContexts {

    /** TLS 1.3 only: one round trip, forward secrecy and AEAD in every cipher suite, nothing to negotiate down. */
    static final String PROTOCOL = "TLSv1.3";
    private static final String KEY_ALIAS = "channel";
    private static final char[] IN_MEMORY_PASSWORD = new char[0];

    private TlsContexts() {
    }

    static SSLEngine engine(ChannelIdentity local, Fingerprint remote, Channel.Role role) {
        SSLEngine engine = context(local, remote).createSSLEngine();
        engine.setEnabledProtocols(new String[] {PROTOCOL});
        engine.setUseClientMode(role == Channel.Role.CLIENT);
        if (role == Channel.Role.SERVER) {
            engine.setNeedClientAuth(true); // both ends prove their fingerprint
        }
        return engine;
    }

    /** The context behind {@link #engine}; also used by the benchmark's TLS-over-TCP baseline. */
    static SSLContext context(ChannelIdentity local, Fingerprint remote) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry(KEY_ALIAS, local.privateKey(), IN_MEMORY_PASSWORD,
                    new Certificate[] {local.certificate()});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("SunX509");
            keyManagers.init(keys, IN_MEMORY_PASSWORD);
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(keyManagers.getKeyManagers(), new TrustManager[] {new PinnedTrustManager(remote)},
                    new SecureRandom());
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("the JDK cannot set up " + PROTOCOL, e);
        }
    }
}
