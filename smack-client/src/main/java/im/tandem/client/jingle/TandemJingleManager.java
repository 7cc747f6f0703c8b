package im.tandem.client.jingle;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.Manager;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.PresenceTypeFilter;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.Jid;

import im.tandem.client.jingle.element.DtlsFingerprint;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.element.XmlStreamDescription;
import im.tandem.client.jingle.policy.DirectSessionRefusedException;
import im.tandem.client.jingle.policy.MutualSubscriptionPolicy;
import im.tandem.client.jingle.policy.PeerPolicy;
import im.tandem.client.jingle.provider.JingleProviders;
import im.tandem.client.jingle.session.IncomingSessionHandler;
import im.tandem.client.jingle.session.JingleApplication;
import im.tandem.client.jingle.session.JingleSession;
import im.tandem.client.jingle.session.JingleSessionListener;
import im.tandem.client.jingle.session.JingleSessions;
import im.tandem.client.jingle.session.JingleSignalling;
import im.tandem.client.jingle.session.XmlStreamSessions;

/**
 * Jingle for one connection, in place of Smack 4.4.8's JingleManager (which answers an unsupported application
 * with a {@code set} instead of a result, so the initiator hangs until its timeout, and advertises nothing):
 * our strict parser, our request handler answering every request, our features in disco#info, direct
 * sessions with mutual contacts only, and answers to sessions proposed by message (XEP-0353). Create it before
 * logging in, so the features are in the first presence's entity capabilities (XEP-0115).
 */
public final class TandemJingleManager extends Manager {
    /**
     * What a Tandem client advertises and what we look for in a peer: Jingle, the ICE-UDP transport, the XML
     * stream application and DTLS-style fingerprints. A peer lacking any of them gets ordinary messages.
     */
    public static final List<String> FEATURES = List.of(Jingle.NAMESPACE, IceUdpTransport.NAMESPACE,
            XmlStreamDescription.NAMESPACE, DtlsFingerprint.NAMESPACE);

    private static final Map<XMPPConnection, TandemJingleManager> INSTANCES = new WeakHashMap<>();

    private final JingleSessions sessions;
    private final XmlStreamSessions xmlStreams;

    private TandemJingleManager(XMPPConnection connection) {
        super(connection);
        JingleProviders.register();
        JingleSignalling signalling = new ConnectionSignalling(connection);
        PeerPolicy policy = new MutualSubscriptionPolicy(Roster.getInstanceFor(connection),
                Duration.ofMillis(connection.getReplyTimeout()));
        sessions = new JingleSessions(signalling, policy);
        xmlStreams = new XmlStreamSessions(sessions);
        connection.registerIQRequestHandler(new JingleRequestHandler(sessions, signalling));
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(connection);
        FEATURES.forEach(disco::addFeature);
        ProposalResponder.install(connection, policy, sessions::supports);
        // In order with the Jingle requests (Smack runs sync listeners and sync IQ handlers of a connection one
        // after the other, in arrival order): a peer that confirms a file and goes offline at once must have
        // its session-terminate handled before its unavailable presence ends the session.
        connection.addSyncStanzaListener(presence -> {
            FullJid resource = presence.getFrom() == null ? null : presence.getFrom().asFullJidIfPossible();
            if (resource != null) {
                sessions.peerWentOffline(resource);
            }
        }, PresenceTypeFilter.UNAVAILABLE);
        connection.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosed() {
                sessions.connectionLost();
            }

            @Override
            public void connectionClosedOnError(Exception e) {
                sessions.connectionLost();
            }
        });
    }

    /** The one manager of this connection, created on first use. */
    public static synchronized TandemJingleManager getInstanceFor(XMPPConnection connection) {
        return INSTANCES.computeIfAbsent(connection, TandemJingleManager::new);
    }

    /**
     * Offers {@code peer} a direct session with our ICE-UDP transport; see {@link XmlStreamSessions#initiate}.
     *
     * @throws DirectSessionRefusedException if the peer is not a mutual contact; nothing is sent
     */
    public JingleSession initiate(FullJid peer, IceUdpTransport offer, JingleSessionListener listener)
            throws DirectSessionRefusedException {
        return xmlStreams.initiate(peer, offer, listener);
    }

    /** Who decides about offers from mutual contacts. Until set, every offer is declined. */
    public void setIncomingSessionHandler(IncomingSessionHandler handler) {
        xmlStreams.setIncomingSessionHandler(handler);
    }

    /**
     * The sessions of every Jingle application of this connection, for another application (file transfer) to add
     * itself to (see {@link JingleApplication}); they share its router, its contact rule and its signalling.
     */
    public JingleSessions sessions() {
        return sessions;
    }

    /** Direct sessions that have not ended. */
    public List<JingleSession> liveSessions() {
        return xmlStreams.live();
    }

    /**
     * Whether {@code peer} is a Tandem client, from its entity capabilities when its presence carried them,
     * otherwise by asking it (XEP-0030).
     */
    public boolean isTandemPeer(Jid peer) throws SmackException.NoResponseException, XMPPException.XMPPErrorException,
            SmackException.NotConnectedException, InterruptedException {
        return ServiceDiscoveryManager.getInstanceFor(connection()).supportsFeatures(peer, FEATURES);
    }
}
