package im.tandem.client.direct;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.client.jingle.element.XmlStreamDescription;
import im.tandem.client.jingle.policy.DirectSessionRefusedException;
import im.tandem.client.jingle.session.JingleSession;
import im.tandem.client.jingle.session.JingleSessionListener;
import im.tandem.client.jingle.session.JingleSessions;
import im.tandem.client.jingle.session.JingleSignalling;
import im.tandem.client.jingle.session.XmlStreamSessions;
import im.tandem.client.time.ManualScheduler;

/**
 * Alice's side of direct sessions with Bob, for following {@link IceAttempt}s: a real conversation and real Jingle
 * sessions, whose requests are recorded instead of sent; {@link FakeIce} instead of ICE; a manual clock; and a
 * background that runs only when the test says.
 */
final class AttemptBench {
    static final FullJid ALICE = JidCreate.fullFromOrThrowUnchecked("alice@example.org/tandem");
    static final EntityBareJid BOB = JidCreate.entityBareFromOrThrowUnchecked("bob@example.org");
    static final FullJid BOB_RESOURCE = JidCreate.fullFromOrThrowUnchecked("bob@example.org/tandem");
    static final DirectConfig CONFIG = DirectConfig.onInterfaces(List.of("eth0"));

    final ManualScheduler clock = new ManualScheduler();
    final QueuedExecutor background = new QueuedExecutor();
    final List<RouteChange> routes = new ArrayList<>();
    /** The Jingle requests Alice sent, in order. */
    final List<Jingle> sent = new ArrayList<>();
    final Set<BareJid> mutualContacts = new HashSet<>(Set.of(BOB));
    /** One per attempt, in the order the attempts began. */
    final List<FakeIce> ices = new ArrayList<>();
    volatile boolean bobIsTandem = true;
    final Conversation conversation;
    private final JingleSessions jingle;
    private final XmlStreamSessions xmlStreams;

    AttemptBench() {
        JingleSignalling recorded = new JingleSignalling() {
            @Override
            public FullJid localJid() {
                return ALICE;
            }

            @Override
            public void request(Jingle request, Consumer<Exception> onFailure) {
                sent.add(request);
            }

            @Override
            public void respond(IQ response) {
            }
        };
        jingle = new JingleSessions(recorded, mutualContacts::contains);
        xmlStreams = new XmlStreamSessions(jingle);
        IceAttempts attempts = new IceAttempts(new BobOnline(), offering -> {
            FakeIce ice = new FakeIce();
            ices.add(ice);
            return ice;
        }, CONFIG, background, clock);
        conversation = new Conversation(BOB, new Conversation.Context(() -> ALICE, message -> { },
                Optional.of(new Conversation.Direct(CONFIG, attempts)), clock, message -> { }, routes::add,
                contact -> true));
        xmlStreams.setIncomingSessionHandler(conversation::offered);
    }

    FakeIce ice() {
        return ices.get(ices.size() - 1);
    }

    Jingle lastSent() {
        return sent.get(sent.size() - 1);
    }

    /** The one session Alice has with Bob. */
    JingleSession session() {
        return xmlStreams.live().get(0);
    }

    /** Bob offers a direct session, with {@link JingleSamples#transport()}. */
    void bobOffers(String sid) {
        deliver(Jingle.builder("offer-" + sid).setAction(JingleAction.session_initiate).setSessionId(sid)
                .setInitiator(BOB_RESOURCE).addJingleContent(content("bob-chat", JingleSamples.transport())));
    }

    /** Bob accepts Alice's offer with {@code answer}. */
    void bobAccepts(IceUdpTransport answer) {
        JingleSession session = session();
        deliver(Jingle.builder("accept-" + session.sid()).setAction(JingleAction.session_accept)
                .setSessionId(session.sid()).setResponder(BOB_RESOURCE)
                .addJingleContent(content(session.contentName(), answer)));
    }

    void bobTerminates(JingleReason.Reason reason) {
        deliver(Jingle.builder("terminate").setAction(JingleAction.session_terminate).setSessionId(session().sid())
                .setReason(reason));
    }

    private void deliver(Jingle.Builder request) {
        Jingle jingleIq = request.from(BOB_RESOURCE).to(ALICE).build();
        jingle.handle(jingleIq).afterwards().run();
    }

    private static JingleContent content(String name, IceUdpTransport transport) {
        return JingleContent.getBuilder().setCreator(JingleContent.Creator.initiator).setName(name)
                .setDescription(XmlStreamDescription.INSTANCE).setTransport(transport).build();
    }

    /** Bob's Tandem resource is online; whether it is a Tandem client is up to the test. */
    private final class BobOnline implements IceAttempts.Signalling {
        @Override
        public Presence presence(EntityBareJid contact) {
            return StanzaBuilder.buildPresence().ofType(Presence.Type.available).from(BOB_RESOURCE).build();
        }

        @Override
        public boolean isTandemPeer(FullJid resource) {
            return bobIsTandem;
        }

        @Override
        public JingleSession initiate(FullJid peer, IceUdpTransport offer,
                                      JingleSessionListener listener)
                throws DirectSessionRefusedException {
            return xmlStreams.initiate(peer, offer, listener);
        }
    }
}
