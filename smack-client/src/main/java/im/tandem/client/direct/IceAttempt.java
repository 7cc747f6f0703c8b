package im.tandem.client.direct;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.FullJid;

import im.tandem.client.ice.ForwardingIcePeering;
import im.tandem.client.ice.IceChannelSetup;
import im.tandem.client.ice.IcePeering;
import im.tandem.client.ice.IceServers;
import im.tandem.client.ice.UnusableTransportException;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.policy.DirectSessionRefusedException;
import im.tandem.client.jingle.session.IllegalTransitionException;
import im.tandem.client.jingle.session.JingleSession;
import im.tandem.client.jingle.session.JingleSessionListener;
import im.tandem.client.jingle.session.SessionState;
import im.tandem.ice.channel.ChannelHandshakeException;
import im.tandem.ice.session.IcePath;

/**
 * One attempt at a direct session, from either side: Jingle signalling through the server, ICE on ice-bridge, then
 * the encrypted channel and the XML stream on the selected path.
 *
 * <pre>
 * initiator: find the contact's Tandem resource → gather → session-initiate (offer, setup actpass)
 *            → session-accept (answer) → ICE as controlling → channel
 * responder: session-initiate (offer) → gather → session-accept (answer, setup active) → ICE as controlled
 *            → channel
 * </pre>
 *
 * The ICE session and the channel's set-up are {@link IceChannelSetup}'s; this class keeps the Jingle session, the
 * deadline and the conversation's view of the attempt. Blocking steps run on the background executor; Jingle
 * callbacks only record what arrived, and hand anything else over, so that no lock of a session, an attempt and a
 * conversation is ever taken in two orders.
 */
final class IceAttempt implements Attempt {
    /**
     * ICE and the channel as an attempt uses them: {@link #onIce an IceChannelSetup} in the client, a test's own in
     * unit tests, so that the attempt's life can be followed without ICE.
     */
    interface Ice extends IcePeering {
        /** Gathers our candidates, with the server's STUN and TURN services. */
        IceUdpTransport gather() throws IOException, InterruptedException;

        /** The selected path, for the link to open its channel on. */
        XmlStreamLink.ChannelPath channelOn(IcePath path);
    }

    private final IceAttempts owner;
    private final Conversation conversation;
    private final boolean outgoing;
    private final Ice ice;
    private final Object lock = new Object();
    private JingleSession session;
    private boolean finished;
    private long startNanos;

    private IceAttempt(IceAttempts owner, Conversation conversation, boolean outgoing) {
        this.owner = owner;
        this.conversation = conversation;
        this.outgoing = outgoing;
        this.ice = owner.ice().create(outgoing);
    }

    /** The client's ICE: an {@link IceChannelSetup} gathering with the server's STUN and TURN services. */
    static Ice onIce(boolean offering, IceServers servers, DirectConfig config) {
        return new ClientIce(offering ? IceChannelSetup.offering() : IceChannelSetup.answering(), servers, config);
    }

    static IceAttempt initiate(IceAttempts owner, Conversation conversation) {
        IceAttempt attempt = new IceAttempt(owner, conversation, true);
        owner.background().execute(attempt::offer);
        return attempt;
    }

    static IceAttempt respond(IceAttempts owner, Conversation conversation, JingleSession session,
                              IceUdpTransport offer) {
        IceAttempt attempt = new IceAttempt(owner, conversation, false);
        attempt.session = session;
        attempt.startNanos = System.nanoTime();
        session.addListener(attempt.signals());
        owner.background().execute(() -> attempt.answer(offer));
        return attempt;
    }

    @Override
    public boolean outgoing() {
        return outgoing;
    }

    @Override
    public void cancel(String reason) {
        synchronized (lock) {
            if (finished) {
                return;
            }
            finished = true;
        }
        release(JingleReason.Reason.cancel, reason);
    }

    private void offer() {
        try {
            Optional<FullJid> peer = tandemResource();
            if (peer.isEmpty()) {
                return;
            }
            IceUdpTransport offer = ice.gather();
            synchronized (lock) {
                if (finished) {
                    return;
                }
                startNanos = System.nanoTime();
            }
            // Not under our lock: the session calls our listener with its own lock held.
            JingleSession created = owner.signalling().initiate(peer.get(), offer, signals());
            boolean cancelled;
            synchronized (lock) {
                session = created;
                cancelled = finished;
            }
            if (cancelled) {
                created.terminate(JingleReason.Reason.cancel, "the attempt was cancelled");
                return;
            }
            armDeadline();
        } catch (DirectSessionRefusedException e) {
            fail(false, JingleReason.Reason.decline, "not a mutual contact");
        } catch (IOException | RuntimeException e) {
            fail(true, JingleReason.Reason.general_error, "cannot prepare the session: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(false, JingleReason.Reason.cancel, "interrupted");
        }
    }

    /** The contact's online resource, if it is a Tandem client; otherwise the attempt ends quietly. */
    private Optional<FullJid> tandemResource() throws InterruptedException {
        Presence presence = owner.signalling().presence(conversation.peer());
        FullJid resource = presence.isAvailable() && presence.getFrom() != null
                ? presence.getFrom().asFullJidIfPossible() : null;
        if (resource == null) {
            fail(false, JingleReason.Reason.gone, "the contact is offline");
            return Optional.empty();
        }
        try {
            if (!owner.signalling().isTandemPeer(resource)) {
                fail(false, JingleReason.Reason.unsupported_applications, resource + " is not a Tandem client");
                return Optional.empty();
            }
        } catch (SmackException | XMPPException e) {
            fail(false, JingleReason.Reason.general_error, "cannot ask " + resource + " what it supports: " + e);
            return Optional.empty();
        }
        return Optional.of(resource);
    }

    private void answer(IceUdpTransport offer) {
        try {
            ice.readPeer(offer);
        } catch (UnusableTransportException e) {
            fail(true, JingleReason.Reason.incompatible_parameters, e.getMessage());
            return;
        }
        try {
            armDeadline();
            IceUdpTransport answer = ice.gather();
            synchronized (lock) {
                if (finished) {
                    return;
                }
            }
            session.accept(answer);
            connect();
        } catch (DirectSessionRefusedException e) {
            fail(true, JingleReason.Reason.decline, "no longer a mutual contact");
        } catch (IllegalTransitionException e) {
            fail(true, JingleReason.Reason.cancel, "the session ended before it was accepted");
        } catch (IOException | RuntimeException e) {
            fail(true, JingleReason.Reason.general_error, "cannot prepare the session: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(true, JingleReason.Reason.cancel, "interrupted");
        }
    }

    /** What the Jingle session tells us; called with the session locked, so nothing here blocks. */
    private JingleSessionListener signals() {
        return new JingleSessionListener() {
            @Override
            public void stateChanged(JingleSession ended, SessionState from, SessionState to) {
                if (to == SessionState.TERMINATED) {
                    String why = XmlStreamLink.howEnded(ended);
                    owner.background().execute(() -> fail(true, JingleReason.Reason.cancel,
                            "the session ended (" + why + ")"));
                }
            }

            @Override
            public void remoteTransport(JingleSession from, IceUdpTransport transport) {
                remote(transport);
            }
        };
    }

    /**
     * The initiator's answer in session-accept, or trickled candidates from either side; the responder's may come
     * while the offer is still being read, and wait in the set-up until it is.
     */
    private void remote(IceUdpTransport transport) {
        synchronized (lock) {
            if (finished) {
                return;
            }
            if (!outgoing || ice.peerRead()) {
                ice.addCandidates(transport);
                return;
            }
            try {
                ice.readPeer(transport);
            } catch (UnusableTransportException e) {
                failLater(JingleReason.Reason.incompatible_parameters, e.getMessage());
                return;
            }
        }
        connect();
    }

    private void connect() {
        ice.connect(outgoing).whenComplete((path, error) -> owner.background().execute(() -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                fail(true, JingleReason.Reason.failed_transport, "no ICE path: " + cause.getMessage());
            } else {
                openChannel(path);
            }
        }));
    }

    private void openChannel(IcePath path) {
        XmlStreamLink link;
        try {
            link = XmlStreamLink.open(session, ice.channelOn(path), startNanos, conversation, owner.background(),
                    owner.config().maxStanzaBytes());
        } catch (ChannelHandshakeException e) {
            fail(true, JingleReason.Reason.security_error, "the encrypted channel failed: " + e.getMessage());
            return;
        }
        synchronized (lock) {
            if (finished) {
                link.close("the attempt was cancelled");
                return;
            }
            finished = true;
        }
        conversation.attemptSucceeded(this, link);
        link.start();
    }

    private void armDeadline() {
        owner.scheduler().schedule(owner.config().setupTimeout(), () -> fail(true, JingleReason.Reason.timeout,
                "not set up within " + owner.config().setupTimeout().toMillis() + " ms"));
    }

    /** A failure found in a Jingle callback: reported from another thread, as the listener contract wants. */
    private void failLater(JingleReason.Reason reason, String text) {
        owner.background().execute(() -> fail(true, reason, text));
    }

    /**
     * Ends the attempt once: tells the peer (if a session exists), releases ICE, and reports to the conversation.
     *
     * @param worthTelling false when the contact simply cannot have a direct session; true for any failure once a
     *                     session exists, and for our own side failing to prepare one
     */
    private void fail(boolean worthTelling, JingleReason.Reason reason, String text) {
        boolean sessionExists;
        synchronized (lock) {
            if (finished) {
                return;
            }
            finished = true;
            sessionExists = session != null;
        }
        release(reason, text);
        conversation.attemptFailed(this, text, worthTelling || sessionExists);
    }

    private void release(JingleReason.Reason reason, String text) {
        JingleSession toEnd;
        synchronized (lock) {
            toEnd = session;
        }
        if (toEnd != null) {
            toEnd.terminate(reason, text);
        }
        ice.close();
    }

    private static final class ClientIce extends ForwardingIcePeering implements Ice {
        private final IceServers servers;
        private final DirectConfig config;

        ClientIce(IceChannelSetup setup, IceServers servers, DirectConfig config) {
            super(setup);
            this.servers = servers;
            this.config = config;
        }

        @Override
        public IceUdpTransport gather() throws IOException, InterruptedException {
            return setup.gather(servers.configFor(config.ice()));
        }

        @Override
        public XmlStreamLink.ChannelPath channelOn(IcePath path) {
            return XmlStreamLink.onIce(setup, path, config.channel());
        }
    }
}
