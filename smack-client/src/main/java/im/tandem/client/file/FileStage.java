package im.tandem.client.file;

/**
 * Where a file transfer is, on top of its Jingle session's state. The two roles go through different stages, as
 * the sender and the receiver wait for different things; {@link FileStageTransitions} lists every allowed move.
 */
enum FileStage {
    /** Created, not yet started (sender) nor told of the offer (receiver). */
    NEW,
    /** Sender: setting up a transport, the offer's first one or the next after one failed. */
    SENDER_NEGOTIATING,
    /** Sender: our transport-replace is out, its transport-accept or transport-reject is not in. */
    SENDER_REPLACING,
    /** Sender: bytes are moving. */
    SENDING,
    /** Sender: every byte left, the receiver has not confirmed. */
    AWAITING_CONFIRMATION,
    /** Sender: the receiver confirmed it has every byte; the transfer succeeds once our end is done too. */
    CONFIRMED,
    /** Receiver: the offer waits for the user's accept or decline. */
    AWAITING_DECISION,
    /** Receiver: accepted; a transport (the offered one, or a replacement) is being set up. */
    RECEIVER_NEGOTIATING,
    /** Receiver: bytes are moving. */
    RECEIVING,
    /** Receiver: every byte arrived, the sender's checksum has not. */
    AWAITING_CHECKSUM,
    /** Over, one way or another; final. */
    ENDED
}
