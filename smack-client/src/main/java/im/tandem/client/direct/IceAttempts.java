package im.tandem.client.direct;

import java.util.concurrent.ExecutorService;

import org.jivesoftware.smack.roster.Roster;

import im.tandem.client.ice.IceServers;
import im.tandem.client.jingle.TandemJingleManager;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.session.JingleSession;
import im.tandem.ice.net.Scheduler;

/**
 * Starts {@link IceAttempt}s, and holds what they share.
 *
 * @param jingle     Jingle signalling through the server
 * @param roster     where the contact's online resource is found
 * @param servers    the STUN and TURN servers to gather with
 * @param config     the direct-session settings
 * @param background runs the blocking steps: gathering, the channel handshake, closing
 * @param scheduler  runs the setup deadlines
 */
record IceAttempts(TandemJingleManager jingle, Roster roster, IceServers servers, DirectConfig config,
                   ExecutorService background, Scheduler scheduler) implements Attempts {

    @Override
    public Attempt initiate(Conversation conversation) {
        return IceAttempt.initiate(this, conversation);
    }

    @Override
    public Attempt respond(Conversation conversation, JingleSession session, IceUdpTransport offer) {
        return IceAttempt.respond(this, conversation, session, offer);
    }
}
