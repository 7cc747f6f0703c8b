package im.tandem.ice.stun;

/**
 * Which of the server's (up to) four sockets: primary or alternate IP, crossed with primary or alternate port.
 * Roles rather than addresses, so that "answer from the changed IP" is a flip of one bit, relative to the
 * socket the request arrived on, exactly as RFC 5780 section 6.1 describes.
 */
public record SocketRole(boolean alternateIp, boolean alternatePort) {
    public static final SocketRole PRIMARY = new SocketRole(false, false);

    /** The socket a response comes from when the given change is requested of a request received here. */
    public SocketRole changedBy(ChangeRequest change) {
        return new SocketRole(alternateIp ^ change.changeIp(), alternatePort ^ change.changePort());
    }

    /** The socket with both IP and port changed: what OTHER-ADDRESS / CHANGED-ADDRESS point to. */
    public SocketRole other() {
        return new SocketRole(!alternateIp, !alternatePort);
    }
}
