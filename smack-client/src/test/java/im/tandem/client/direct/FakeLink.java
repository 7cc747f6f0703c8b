package im.tandem.client.direct;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.Message;
import org.jxmpp.jid.FullJid;

import im.tandem.ice.session.PathType;

/** A direct link that records what is sent on it and whether it was closed. */
final class FakeLink implements DirectLink {
    static final RouteChange.DirectPath PATH = new RouteChange.DirectPath(PathType.SRFLX, Duration.ofMillis(120));

    private final FullJid peer;
    final List<Message> sent = new ArrayList<>();
    String closedBecause;

    FakeLink(FullJid peer) {
        this.peer = peer;
    }

    @Override
    public FullJid peer() {
        return peer;
    }

    @Override
    public RouteChange.DirectPath path() {
        return PATH;
    }

    @Override
    public void send(Message message) {
        sent.add(message);
    }

    @Override
    public void close(String reason) {
        closedBecause = reason;
    }

    List<String> bodies() {
        return sent.stream().map(Message::getBody).filter(java.util.Objects::nonNull).toList();
    }
}
