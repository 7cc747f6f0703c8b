package im.tandem.ice.channel;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.ZonedDateTime;

/**
 * A throw-away key pair and self-signed certificate for one endpoint. Trust comes from the fingerprint carried by
 * the (authenticated) signalling, never from a certificate authority, so the certificate only has to be well formed.
 */
public final class ChannelIdentity {

    /** P-256 with ECDSA: every TLS 1.3 implementation must support it, and key generation takes milliseconds. */
    private static final String CURVE = "secp256r1";
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final String ECDSA_WITH_SHA256_OID = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME_OID = "2.5.4.3";
    private static final String COMMON_NAME = "tandem";
    /** Peers check the fingerprint, not the dates; a day either side only keeps skewed clocks from mattering. */
    private static final Duration CLOCK_SKEW_MARGIN = Duration.ofDays(1);
    /** An identity lives for one session; thirty days is far longer than any session. */
    private static final Duration LIFETIME = Duration.ofDays(30);
    /** RFC 5280 allows serial numbers up to 20 octets; 64 random bits keep them unique in practice. */
    private static final int SERIAL_BITS = 64;

    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final Fingerprint fingerprint;

    private ChannelIdentity(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = privateKey;
        this.certificate = certificate;
        this.fingerprint = Fingerprint.of(certificate);
    }

    /** Creates a new key pair and certificate. */
    public static ChannelIdentity generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE));
            KeyPair keys = generator.generateKeyPair();
            return new ChannelIdentity(keys.getPrivate(), selfSign(keys));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot create a " + CURVE + " certificate", e);
        }
    }

    private static X509Certificate selfSign(KeyPair keys) throws GeneralSecurityException {
        byte[] algorithm = DerWriter.sequence(DerWriter.oid(ECDSA_WITH_SHA256_OID));
        byte[] name = DerWriter.sequence(DerWriter.set(
                DerWriter.sequence(DerWriter.oid(COMMON_NAME_OID), DerWriter.utf8(COMMON_NAME))));
        ZonedDateTime now = ZonedDateTime.now();
        byte[] tbs = DerWriter.sequence(
                DerWriter.explicit(0, DerWriter.integer(BigInteger.TWO)), // v3
                DerWriter.integer(new BigInteger(SERIAL_BITS, new SecureRandom()).add(BigInteger.ONE)),
                algorithm,
                name,
                DerWriter.sequence(DerWriter.time(now.minus(CLOCK_SKEW_MARGIN)), DerWriter.time(now.plus(LIFETIME))),
                name,
                keys.getPublic().getEncoded()); // already a DER SubjectPublicKeyInfo
        Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
        signer.initSign(keys.getPrivate());
        signer.update(tbs);
        byte[] der = DerWriter.sequence(tbs, algorithm, DerWriter.bitString(signer.sign()));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    /** The fingerprint to put into signalling so the peer can authenticate us. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    X509Certificate certificate() {
        return certificate;
    }

    PrivateKey privateKey() {
        return privateKey;
    }
}
