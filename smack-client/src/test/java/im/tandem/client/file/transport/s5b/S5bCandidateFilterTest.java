package im.tandem.client.file.transport.s5b;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.file.element.S5bCandidate;
import im.tandem.client.file.element.S5bCandidateType;

class S5bCandidateFilterTest {
    private static final Jid OUR_PROXY = JidCreate.fromOrThrowUnchecked("proxy.capulet.example");
    private static final Jid THEIR_PROXY = JidCreate.fromOrThrowUnchecked("proxy.montague.example");
    private static final Jid ROMEO = JidCreate.fromOrThrowUnchecked("romeo@montague.example/orchard");
    private static final List<Bytestream.StreamHost> ANNOUNCED = List.of(
            new Bytestream.StreamHost(OUR_PROXY, "proxy.capulet.example", 7777));

    @Test
    void withoutDirectConnectionsOnlyOurServersProxiesAreKept() {
        S5bCandidateFilter filter = new S5bCandidateFilter(ANNOUNCED, false, 4);
        S5bCandidate ours = candidate("ours", "proxy.capulet.example", OUR_PROXY, 7777, S5bCandidateType.PROXY);

        assertThat(filter.usable(List.of(
                candidate("lan", "192.168.1.20", ROMEO, 1080, S5bCandidateType.DIRECT),
                candidate("local", "127.0.0.1", ROMEO, 22, S5bCandidateType.DIRECT),
                candidate("theirs", "203.0.113.9", THEIR_PROXY, 7777, S5bCandidateType.PROXY),
                ours))).containsExactly(ours);
    }

    @Test
    void aCandidateNamingOurProxyMustHaveItsAnnouncedHostAndPort() {
        S5bCandidateFilter filter = new S5bCandidateFilter(ANNOUNCED, false, 4);

        assertThat(filter.usable(List.of(
                candidate("other-host", "10.0.0.1", OUR_PROXY, 7777, S5bCandidateType.PROXY),
                candidate("other-port", "proxy.capulet.example", OUR_PROXY, 25, S5bCandidateType.PROXY),
                candidate("other-jid", "proxy.capulet.example", THEIR_PROXY, 7777, S5bCandidateType.PROXY))))
                .isEmpty();
    }

    @Test
    void withDirectConnectionsAContactsOwnHostIsKeptByItsAddress() {
        S5bCandidateFilter filter = new S5bCandidateFilter(List.of(), true, 4);
        List<S5bCandidate> hosts = List.of(
                candidate("lan", "192.168.1.20", ROMEO, 1080, S5bCandidateType.DIRECT),
                candidate("v6", "2001:db8::7", ROMEO, 1080, S5bCandidateType.ASSISTED),
                candidate("public", "198.51.100.4", ROMEO, 1080, S5bCandidateType.TUNNEL));

        assertThat(filter.usable(hosts)).isEqualTo(hosts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"romeo.example", "localhost", "127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1",
        "0.0.0.0", "::", "224.0.0.251", "ff02::1", "999.1.1.1", "0x7f.0.0.1"})
    void evenWithDirectConnectionsNoNameLoopbackWildcardOrMulticastHost(String host) {
        S5bCandidateFilter filter = new S5bCandidateFilter(List.of(), true, 4);

        assertThat(filter.usable(List.of(candidate("c", host, ROMEO, 1080, S5bCandidateType.DIRECT)))).isEmpty();
    }

    @Test
    void aLoopbackHostIsKeptOnlyWithDirectConnectionsWhenOurServersProxyIsOnLoopbackToo() {
        List<Bytestream.StreamHost> local = List.of(new Bytestream.StreamHost(OUR_PROXY, "127.0.0.1", 7777));
        S5bCandidate sameMachine = candidate("local", "127.0.0.1", ROMEO, 40000, S5bCandidateType.DIRECT);

        assertThat(new S5bCandidateFilter(local, true, 4).usable(List.of(sameMachine))).containsExactly(sameMachine);
        assertThat(new S5bCandidateFilter(local, false, 4).usable(List.of(sameMachine))).isEmpty();
        assertThat(new S5bCandidateFilter(ANNOUNCED, true, 4).usable(List.of(sameMachine)))
                .as("our server elsewhere: the contact is not on this machine").isEmpty();
    }

    @Test
    void evenWithDirectConnectionsAnotherServersProxyIsNotUsed() {
        S5bCandidateFilter filter = new S5bCandidateFilter(List.of(), true, 4);

        assertThat(filter.usable(List.of(candidate("theirs", "203.0.113.9", THEIR_PROXY, 7777,
                S5bCandidateType.PROXY)))).isEmpty();
    }

    @Test
    void atMostTheCapIsKeptInTheOrderGiven() {
        S5bCandidateFilter filter = new S5bCandidateFilter(List.of(), true, 3);
        List<S5bCandidate> many = IntStream.rangeClosed(1, 50)
                .mapToObj(i -> candidate("c" + i, "10.0.0." + i, ROMEO, 1080, S5bCandidateType.DIRECT)).toList();

        assertThat(filter.usable(many)).extracting(S5bCandidate::cid).containsExactly("c1", "c2", "c3");
    }

    private static S5bCandidate candidate(String cid, String host, Jid jid, int port, S5bCandidateType type) {
        return new S5bCandidate(cid, host, jid, port, 1, type);
    }
}
