package im.tandem.client.ice;

import im.tandem.client.jingle.element.DtlsFingerprint;
import im.tandem.client.jingle.element.DtlsSetup;
import im.tandem.client.jingle.element.IceCredentials;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.ice.channel.Channel;
import im.tandem.ice.channel.Fingerprint;

/**
 * What the peer's first transport, its offer or its answer, settles: how ICE reaches it, the fingerprint its
 * channel certificate must match, and by XEP-0320's rules our setup and our TLS role.
 */
record PeerTransport(IceCredentials credentials, Fingerprint fingerprint, DtlsSetup ourSetup,
                     Channel.Role channelRole) {

    /**
     * @param ourSide whether we offered the transport (so {@code first} is the answer) or answer it
     * @throws UnusableTransportException saying what is missing or wrong
     */
    static PeerTransport read(IceUdpTransport first, DtlsRoles.Side ourSide) throws UnusableTransportException {
        IceCredentials credentials = first.credentials().orElseThrow(() -> new UnusableTransportException(
                "the transport has no ICE credentials (ufrag, pwd)"));
        DtlsFingerprint fingerprint = first.fingerprint().orElseThrow(() -> new UnusableTransportException(
                "the transport has no fingerprint (XEP-0320); the channel cannot be authenticated"));
        Fingerprint parsed;
        try {
            parsed = IceUdpConversion.fingerprint(fingerprint);
        } catch (IllegalArgumentException e) {
            throw new UnusableTransportException(e.getMessage());
        }
        DtlsSetup theirs = fingerprint.setup();
        DtlsSetup ours;
        DtlsRoles.Side client;
        if (ourSide == DtlsRoles.Side.OFFERER) {
            ours = DtlsRoles.OFFER;
            client = DtlsRoles.tlsClient(ours, theirs);
        } else {
            ours = DtlsRoles.answerTo(theirs);
            client = DtlsRoles.tlsClient(theirs, ours);
        }
        return new PeerTransport(credentials, parsed, ours,
                client == ourSide ? Channel.Role.CLIENT : Channel.Role.SERVER);
    }
}
