package im.tandem.client.file;

/** What moves a file transfer from one {@link FileStage} to the next. */
enum FileStageEvent {
    /** Sender: the offer starts; its first transport is being set up. */
    START_OFFER,
    /** Receiver: the peer's session-initiate arrived. */
    RECEIVE_OFFER,
    /** Receiver: the user accepted the offer. */
    ACCEPT,
    /** Sender: a transport-replace with the next transport went out. */
    SEND_REPLACE,
    /** Sender: the receiver took our replacement transport. */
    REPLACE_ACCEPTED,
    /** Sender: the receiver refused our replacement transport; the next one is tried. */
    REPLACE_REJECTED,
    /** Receiver: the sender proposed a transport we can use, and we answer it. */
    REPLACE_OFFERED,
    /** The transport being set up cannot carry the file. */
    TRANSPORT_FAILED,
    /** The transport being set up carries bytes now. */
    CONNECTED,
    /** Sender: the last byte left. */
    ALL_SENT,
    /** Receiver: the last byte arrived before the file's checksum did. */
    ALL_RECEIVED,
    /** The peer ended the session with {@code <success/>} while the bytes were moving or done. */
    PEER_CONFIRMED,
    /** The transfer is over: it succeeded, failed, was cancelled or refused. */
    END
}
