package im.tandem.client.jingle.session;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jxmpp.jid.FullJid;

/** Signalling that only records what a session sends, so tests can inspect it and fail requests at will. */
final class RecordingSignalling implements JingleSignalling {
    record SentRequest(Jingle request, Consumer<Exception> onFailure) {
    }

    private final FullJid localJid;
    final List<SentRequest> requests = new ArrayList<>();
    final List<IQ> responses = new ArrayList<>();

    RecordingSignalling(FullJid localJid) {
        this.localJid = localJid;
    }

    @Override
    public FullJid localJid() {
        return localJid;
    }

    @Override
    public void request(Jingle request, Consumer<Exception> onFailure) {
        requests.add(new SentRequest(request, onFailure));
    }

    @Override
    public void respond(IQ response) {
        responses.add(response);
    }

    Jingle lastRequest() {
        return requests.get(requests.size() - 1).request();
    }
}
