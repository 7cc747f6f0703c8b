package im.tandem.ice.nat;

/** What became of one Binding request sent during discovery. */
public enum ProbeStatus {
    /** A success response with a mapped address came from the expected server address. */
    ANSWERED,
    /** Nothing came back within the probe's budget (or it could not even be sent). */
    NO_ANSWER,
    /** The server answered with an error or with a success lacking a mapped address. */
    REJECTED,
    /** An answer came, but from another address than a correct server would use: the server is not trustworthy for this test. */
    WRONG_SOURCE,
    /** The probe was never sent because an earlier result made it pointless or impossible. */
    NOT_SENT
}
