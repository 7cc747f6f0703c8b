package im.tandem.client.file.transport.s5b;

import static im.tandem.client.file.transport.Contexts.JULIET;
import static im.tandem.client.file.transport.Contexts.ROMEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.file.element.IbbTransport;
import im.tandem.client.file.element.S5bCandidate;
import im.tandem.client.file.element.S5bCandidateType;
import im.tandem.client.file.element.S5bSignal;
import im.tandem.client.file.element.S5bTransport;
import im.tandem.client.file.transport.BadTransportException;
import im.tandem.client.file.transport.Contexts;
import im.tandem.client.file.transport.NegotiationContext;
import im.tandem.client.file.transport.TransportSettings;

/** The candidates we offer and answer with: only our server's proxies, ranked so the initiator's proxy wins a tie. */
class S5bFactoryTest {
    private static final Jid PROXY_A = JidCreate.fromOrThrowUnchecked("proxy-a.example");
    private static final Jid PROXY_B = JidCreate.fromOrThrowUnchecked("proxy-b.example");
    private static final long TOP_PROXY = S5bCandidateType.PROXY.priority(S5bCandidateType.MAX_LOCAL_PREFERENCE);

    @Test
    void withoutAProxyThereIsNothingToOffer() {
        assertThatThrownBy(() -> new S5bFactory(List::of).offer(romeo())).isInstanceOf(IOException.class);
    }

    @Test
    void theOfferRanksTheServersProxiesInOrderAndNamesTheHashedAddress() throws Exception {
        S5bFactory factory = new S5bFactory(() -> List.of(host(PROXY_A, "192.0.2.1"), host(PROXY_B, "192.0.2.2")));

        S5bTransport offer = (S5bTransport) factory.offer(romeo()).local();

        assertThat(offer.s5bCandidates()).extracting(S5bCandidate::host, S5bCandidate::priority, S5bCandidate::type)
                .containsExactly(tuple("192.0.2.1", TOP_PROXY, S5bCandidateType.PROXY),
                        tuple("192.0.2.2", TOP_PROXY - 1, S5bCandidateType.PROXY));
        assertThat(offer.s5bCandidates()).extracting(S5bCandidate::jid).containsExactly(PROXY_A, PROXY_B);
        assertThat(offer.dstaddr()).contains(sha1Hex(offer.sid() + ROMEO + JULIET));
    }

    @Test
    void theAnswerRanksOurProxiesJustBelowTheInitiatorsLowest() throws Exception {
        S5bFactory factory = new S5bFactory(() -> List.of(host(PROXY_A, "192.0.2.1"), host(PROXY_B, "192.0.2.2")));
        S5bTransport offer = offerOf(proxy("r1", "198.51.100.1", 5000), proxy("r2", "198.51.100.2", 4000),
                new S5bCandidate("r3", "198.51.100.3", ROMEO, 6000, 100, S5bCandidateType.DIRECT));

        S5bTransport answer = (S5bTransport) factory.answer(juliet(), offer).local();

        assertThat(answer.sid()).isEqualTo(offer.sid());
        assertThat(answer.s5bCandidates()).extracting(S5bCandidate::host, S5bCandidate::priority)
                .containsExactly(tuple("192.0.2.1", 3999L), tuple("192.0.2.2", 3998L));
    }

    @Test
    void theAnswerLeavesOutAProxyTheInitiatorOfferedAlready() throws Exception {
        S5bFactory factory = new S5bFactory(() -> List.of(host(PROXY_A, "192.0.2.1"), host(PROXY_B, "192.0.2.2")));

        S5bTransport answer = (S5bTransport) factory.answer(juliet(), offerOf(proxy("r1", "192.0.2.1", 5000))).local();

        assertThat(answer.s5bCandidates()).extracting(S5bCandidate::host).containsExactly("192.0.2.2");
    }

    @Test
    void withoutProxiesFromTheInitiatorOursRankAsTopProxies() throws Exception {
        S5bFactory factory = new S5bFactory(() -> List.of(host(PROXY_A, "192.0.2.1")));

        S5bTransport answer = (S5bTransport) factory.answer(juliet(), offerOf()).local();

        assertThat(answer.s5bCandidates()).extracting(S5bCandidate::priority).containsExactly(TOP_PROXY);
    }

    @Test
    void theAnswerConnectsToOurServersProxyButNotToTheContactsOwnHostWithoutDirectConnections() throws Exception {
        try (Socks5Stub contactsHost = new Socks5Stub(); Socks5Stub ourProxy = new Socks5Stub()) {
            S5bFactory factory = new S5bFactory(() -> List.of(new Bytestream.StreamHost(PROXY_A, "127.0.0.1",
                    ourProxy.port())));
            List<JingleContentTransport> sent = new CopyOnWriteArrayList<>();
            NegotiationContext juliet = Contexts.juliet(null, 4096, Runnable::run, sent::add);
            NegotiationContext noDirect = new NegotiationContext(null, juliet.local(), juliet.peer(), false,
                    withoutDirect(juliet.settings()), Runnable::run, sent::add);
            S5bTransport offer = offerOf(
                    new S5bCandidate("r-host", "127.0.0.1", ROMEO, contactsHost.port(), TOP_PROXY + 1,
                            S5bCandidateType.DIRECT),
                    new S5bCandidate("r-proxy", "127.0.0.1", PROXY_A, ourProxy.port(), TOP_PROXY,
                            S5bCandidateType.PROXY));

            try (var negotiation = factory.answer(noDirect, offer)) {
                negotiation.start(offer);

                assertThat(sent).extracting(info -> ((S5bTransport) info).signal().orElseThrow())
                        .containsExactly(new S5bSignal.CandidateUsed("r-proxy"));
                assertThat(contactsHost.dstaddr()).isNotDone();
            }
        }
    }

    @Test
    void theAnswerRefusesAnotherTransport() {
        JingleContentTransport ibb = new IbbTransport(4096, "sid", IbbTransport.Stanza.IQ);

        assertThatThrownBy(() -> new S5bFactory(List::of).answer(juliet(), ibb))
                .isInstanceOf(BadTransportException.class);
    }

    private static TransportSettings withoutDirect(TransportSettings settings) {
        return new TransportSettings(settings.ibbBlockSize(), settings.s5bConnectTimeout(), false,
                settings.maxS5bCandidates(), settings.idleTimeout(), settings.ice(), settings.channel());
    }

    private static NegotiationContext romeo() {
        return Contexts.romeo(null, 4096, Runnable::run, info -> { });
    }

    private static NegotiationContext juliet() {
        return Contexts.juliet(null, 4096, Runnable::run, info -> { });
    }

    private static S5bTransport offerOf(S5bCandidate... candidates) {
        return S5bTransport.candidates("offered-sid", "dstaddr", List.of(candidates));
    }

    private static S5bCandidate proxy(String cid, String host, long priority) {
        return new S5bCandidate(cid, host, JidCreate.fromOrThrowUnchecked("proxy.montague.example"), 7777, priority,
                S5bCandidateType.PROXY);
    }

    private static Bytestream.StreamHost host(Jid jid, String address) {
        return new Bytestream.StreamHost(jid, address, 7777);
    }

    private static String sha1Hex(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }
}
