package im.tandem.client.ice;

import im.tandem.client.jingle.element.DtlsSetup;

/**
 * XEP-0320's {@code setup} rules (RFC 4145's roles): what an offer and an answer say, and from the two, which side
 * is the TLS client of the channel. Direct chat and file transfer follow the same rules, so that the two sides of
 * either always choose opposite roles.
 */
public final class DtlsRoles {
    /** An offer leaves the choice to the answerer. */
    public static final DtlsSetup OFFER = DtlsSetup.ACTPASS;

    /** The two sides of an offer/answer exchange. */
    public enum Side {
        OFFERER,
        ANSWERER
    }

    private DtlsRoles() {
    }

    /** What we answer to an offered setup: active (the TLS client), unless the offerer insists on being active. */
    public static DtlsSetup answerTo(DtlsSetup offered) {
        return offered == DtlsSetup.ACTIVE ? DtlsSetup.PASSIVE : DtlsSetup.ACTIVE;
    }

    /**
     * Which side is the TLS client: the active one (XEP-0320), which only the answer settles.
     *
     * @throws UnusableTransportException if the answer leaves the choice open (actpass), or the two sides chose the
     *                                    same role
     */
    public static Side tlsClient(DtlsSetup offered, DtlsSetup answered) throws UnusableTransportException {
        if (answered == DtlsSetup.ACTPASS) {
            throw new UnusableTransportException("an answer must choose setup active or passive, not actpass");
        }
        if (offered == answered) {
            throw new UnusableTransportException("both sides chose setup " + answered.xml()
                    + "; the answer must take the role the offer left");
        }
        return answered == DtlsSetup.ACTIVE ? Side.ANSWERER : Side.OFFERER;
    }
}
