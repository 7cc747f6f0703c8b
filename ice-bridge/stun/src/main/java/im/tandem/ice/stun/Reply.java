package im.tandem.ice.stun;

/**
 * A datagram the server should send, and from which of its sockets. There is deliberately no destination:
 * the server always answers the request's source, so it cannot be used to reflect traffic elsewhere.
 */
public record Reply(SocketRole sendFrom, byte[] datagram) {
    public Reply {
        datagram = datagram.clone();
    }

    @Override
    public byte[] datagram() {
        return datagram.clone();
    }
}
