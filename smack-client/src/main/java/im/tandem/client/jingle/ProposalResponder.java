package im.tandem.client.jingle;

import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.filter.StanzaExtensionFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.hints.element.StoreHint;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.Jid;

import im.tandem.client.jingle.element.JingleMessage;
import im.tandem.client.jingle.element.JingleMessageAction;
import im.tandem.client.jingle.policy.PeerPolicy;
import im.tandem.client.jingle.provider.JingleMessageProvider;

/**
 * Answers Jingle Message Initiation (XEP-0353): a client that sends a file to our bare JID first proposes the
 * session in a message, and sends its session-initiate only to the device that answers {@code <proceed/>}.
 *
 * <p>We proceed at once when a mutual contact proposes applications we run; whether the session itself is
 * taken (a file accepted, say) is decided as for any session-initiate, which follows. A contact proposing
 * something we do not run (a call) gets {@code <reject/>} with {@code unsupported-applications}. Anyone else
 * gets no answer at all: even a refusal would tell a stranger that we are online.
 */
final class ProposalResponder {
    private static final Logger LOG = Logger.getLogger(ProposalResponder.class.getName());

    /** What a proposal gets. */
    enum Answer { PROCEED, REJECT, IGNORE }

    private final XMPPConnection connection;
    private final PeerPolicy policy;
    private final Predicate<String> supported;

    private ProposalResponder(XMPPConnection connection, PeerPolicy policy, Predicate<String> supported) {
        this.connection = connection;
        this.policy = policy;
        this.supported = supported;
    }

    /**
     * Answers the proposals this connection receives, and advertises XEP-0353 so that clients know to propose.
     * {@code supported} says whether an application namespace is one we take sessions for.
     */
    static void install(XMPPConnection connection, PeerPolicy policy, Predicate<String> supported) {
        JingleMessageProvider.register();
        ProposalResponder responder = new ProposalResponder(connection, policy, supported);
        // Asynchronous: the policy may wait for the roster just after login.
        connection.addAsyncStanzaListener(responder::received,
                new StanzaExtensionFilter(JingleMessageAction.PROPOSE.element(), JingleMessage.NAMESPACE));
        ServiceDiscoveryManager.getInstanceFor(connection).addFeature(JingleMessage.NAMESPACE);
    }

    /** The rule, apart from the connection so it can be tested on its own. */
    static Answer answer(Jid from, JingleMessage proposal, PeerPolicy policy, Predicate<String> supported) {
        if (from == null || !from.hasResource() || proposal.action() != JingleMessageAction.PROPOSE
                || !policy.mayConnectDirectly(from.asBareJid())) {
            return Answer.IGNORE;
        }
        return proposal.applications().stream().allMatch(supported) ? Answer.PROCEED : Answer.REJECT;
    }

    private void received(Stanza stanza) {
        if (!(stanza instanceof Message message)) {
            return;
        }
        JingleMessage proposal = JingleMessage.from(message).orElse(null);
        if (proposal == null) {
            return;
        }
        Answer answer = answer(message.getFrom(), proposal, policy, supported);
        switch (answer) {
            case PROCEED -> send(message.getFrom().asFullJidOrThrow(), JingleMessage.proceed(proposal.sessionId()));
            case REJECT -> send(message.getFrom().asFullJidOrThrow(),
                    JingleMessage.reject(proposal.sessionId(), JingleReason.Reason.unsupported_applications));
            case IGNORE -> LOG.fine(() -> "no answer to " + message.getFrom() + "'s proposal " + proposal
                    + ": not a mutual contact's device");
        }
    }

    /** Sends the answer as XEP-0353 asks: a chat message with a store hint, so that it reaches the initiator. */
    private void send(FullJid initiator, JingleMessage answer) {
        Message stanza = StanzaBuilder.buildMessage().to(initiator).ofType(Message.Type.chat).addExtension(answer)
                .addExtension(StoreHint.INSTANCE).build();
        try {
            connection.sendStanza(stanza);
        } catch (SmackException.NotConnectedException e) {
            LOG.log(Level.FINE, "cannot answer " + initiator + "'s proposal: not connected", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
