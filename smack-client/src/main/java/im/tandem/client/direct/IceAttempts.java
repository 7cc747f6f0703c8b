package im.tandem.client.direct;

import java.util.concurrent.ExecutorService;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.FullJid;

import im.tandem.client.ice.IceServers;
import im.tandem.client.jingle.TandemJingleManager;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.policy.DirectSessionRefusedException;
import im.tandem.client.jingle.session.JingleSession;
import im.tandem.client.jingle.session.JingleSessionListener;
import im.tandem.ice.net.Scheduler;

/**
 * Starts {@link IceAttempt}s, and holds what they share.
 *
 * @param signalling what an offer needs of the server connection
 * @param ice        sets up ICE and the channel for each attempt
 * @param config     the direct-session settings
 * @param background runs the blocking steps: gathering, the channel handshake, closing
 * @param scheduler  runs the setup deadlines
 */
record IceAttempts(Signalling signalling, IceSetups ice, DirectConfig config, ExecutorService background,
                   Scheduler scheduler) implements Attempts {

    /** What an offer needs of the server connection: the roster and Jingle in the client, a test's own in tests. */
    interface Signalling {
        /** The contact's presence, as the roster has it. */
        Presence presence(EntityBareJid contact);

        boolean isTandemPeer(FullJid resource) throws SmackException, XMPPException, InterruptedException;

        JingleSession initiate(FullJid peer, IceUdpTransport offer, JingleSessionListener listener)
                throws DirectSessionRefusedException;
    }

    /** Makes the ICE set-up of one attempt, on the offering or the answering side. */
    interface IceSetups {
        IceAttempt.Ice create(boolean offering);
    }

    /**
     * The client's attempts: the roster and Jingle of the connection, ICE with the server's STUN and TURN services.
     *
     * @param jingle  Jingle signalling through the server
     * @param roster  where the contact's online resource is found
     * @param servers the STUN and TURN servers to gather with
     */
    IceAttempts(TandemJingleManager jingle, Roster roster, IceServers servers, DirectConfig config,
                ExecutorService background, Scheduler scheduler) {
        this(new Signalling() {
            @Override
            public Presence presence(EntityBareJid contact) {
                return roster.getPresence(contact);
            }

            @Override
            public boolean isTandemPeer(FullJid resource) throws SmackException, XMPPException, InterruptedException {
                return jingle.isTandemPeer(resource);
            }

            @Override
            public JingleSession initiate(FullJid peer, IceUdpTransport offer, JingleSessionListener listener)
                    throws DirectSessionRefusedException {
                return jingle.initiate(peer, offer, listener);
            }
        }, offering -> IceAttempt.onIce(offering, servers, config), config, background, scheduler);
    }

    @Override
    public Attempt initiate(Conversation conversation) {
        return IceAttempt.initiate(this, conversation);
    }

    @Override
    public Attempt respond(Conversation conversation, JingleSession session, IceUdpTransport offer) {
        return IceAttempt.respond(this, conversation, session, offer);
    }
}
