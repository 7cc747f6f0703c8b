package im.tandem.it.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.TandemClient;
import im.tandem.client.chat.IncomingMessage;
import im.tandem.client.connect.ClientConfig;
import im.tandem.it.openfire.OpenfireProcess;

/**
 * Our client logged in to one harnessed Openfire, collecting its messages from before login on, so that offline
 * messages handed over at login are caught too.
 */
final class InboxClient implements AutoCloseable {
    /** Generous for a loopback server; only a broken delivery takes this long. */
    static final Duration WAIT = Duration.ofSeconds(15);

    private final OpenfireProcess server;
    private final TandemClient client;
    private final BlockingQueue<IncomingMessage> inbox;

    private InboxClient(OpenfireProcess server, TandemClient client, BlockingQueue<IncomingMessage> inbox) {
        this.server = server;
        this.client = client;
        this.inbox = inbox;
    }

    static InboxClient login(OpenfireProcess server, String username, String password) throws Exception {
        BlockingQueue<IncomingMessage> inbox = new LinkedBlockingQueue<>();
        ClientConfig config = ClientConfig.forAccount(username + "@" + server.domain(), password)
                .server(server.host(), server.clientPort()).build();
        TandemClient client = TandemClient.connect(config, beforeLogin -> beforeLogin.onMessage(inbox::add));
        return new InboxClient(server, client, inbox);
    }

    TandemClient client() {
        return client;
    }

    /** Sends a chat message to a user of the same domain. */
    void send(String username, String body) throws Exception {
        client.send(jid(server, username), body);
    }

    /** The next message, failing the test when none arrives within {@link #WAIT}. */
    IncomingMessage next() throws InterruptedException {
        IncomingMessage message = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(message).as("a message for %s within %s", client.jid(), WAIT).isNotNull();
        return message;
    }

    private static EntityBareJid jid(OpenfireProcess server, String username) throws Exception {
        return JidCreate.entityBareFrom(username + "@" + server.domain());
    }

    @Override
    public void close() {
        client.close();
    }
}
