package im.tandem.it.bench;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jxmpp.jid.EntityBareJid;

import im.tandem.client.TandemClient;
import im.tandem.client.connect.ClientConfig;
import im.tandem.it.openfire.OpenfireProcess;

/**
 * The chat round trip between two of our (Smack) clients on one server: the sender sends a message, the echoer sends
 * its text back at once, and the time from the send to the reply's arrival at the sender is one sample.
 */
final class ClientRoundTrips {
    private static final long REPLY_LIMIT_SECONDS = 10;

    private final TandemClient sender;
    private final TandemClient echoer;
    private final LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private int sent;

    /** Makes {@code echoer} answer every message with its text; the clients stay the caller's to close. */
    ClientRoundTrips(TandemClient sender, TandemClient echoer) {
        this.sender = sender;
        this.echoer = echoer;
        echoer.onMessage(message -> echo(message.from(), message.body()));
        sender.onMessage(message -> replies.offer(message.body()));
    }

    /** Runs {@code warmUp} round trips unmeasured, then {@code count} into {@code samples}, one after the other. */
    void measure(int warmUp, int count, Samples samples) throws Exception {
        for (int i = 0; i < warmUp + count; i++) {
            String body = "ping " + sent++;
            long start = System.nanoTime();
            sender.send(echoer.jid(), body);
            String reply = replies.poll(REPLY_LIMIT_SECONDS, TimeUnit.SECONDS);
            long elapsed = System.nanoTime() - start;
            if (!body.equals(reply)) {
                throw new IllegalStateException("round trip " + i + " got '" + reply + "' instead of '" + body + "'");
            }
            if (i >= warmUp) {
                samples.add(elapsed);
            }
        }
    }

    private void echo(EntityBareJid to, String body) {
        try {
            echoer.send(to, body);
        } catch (Exception e) {
            throw new IllegalStateException("echo failed", e);
        }
    }

    /** An account of the test server as our client logs in to it: the password is the user name and "-pw". */
    static ClientConfig account(OpenfireProcess server, String user) {
        return ClientConfig.forAccount(user + "@" + server.domain(), user + "-pw")
                .server(server.host(), server.clientPort()).build();
    }
}
