package im.tandem.client.jingle.provider;

import static im.tandem.client.jingle.JingleSamples.parserFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.element.IceUdpCandidate;
import im.tandem.client.jingle.element.IceUdpCandidateType;
import im.tandem.client.jingle.element.IceUdpTransport;

class IceUdpCandidateProviderTest {
    private static final String NS = " xmlns='" + IceUdpTransport.NAMESPACE + "'";
    /** Every attribute valid; the malformed cases replace one of them. */
    private static final String VALID = "component='1' foundation='2' generation='0' id='c2' ip='203.0.113.7' "
            + "network='1' port='61000' priority='1694498815' protocol='udp' rel-addr='192.0.2.10' rel-port='50000' "
            + "type='srflx'";

    @Test
    void everyCandidateSurvivesARoundTrip() throws Exception {
        for (IceUdpCandidate candidate : JingleSamples.transport().candidates()) {
            assertThat(parse(candidate.toXML().toString())).isEqualTo(candidate);
        }
    }

    @Test
    void readsEveryAttribute() throws Exception {
        IceUdpCandidate candidate = parse("<candidate" + NS + " " + VALID + "/>");
        assertThat(candidate).isEqualTo(JingleSamples.serverReflexive());
        assertThat(candidate.component()).isEqualTo(1);
        assertThat(candidate.foundation()).isEqualTo("2");
        assertThat(candidate.id()).contains("c2");
        assertThat(candidate.network()).isEqualTo(1);
        assertThat(candidate.address()).isEqualTo(new InetSocketAddress("203.0.113.7", 61000));
        assertThat(candidate.priority()).isEqualTo(1694498815L);
        assertThat(candidate.type()).isEqualTo(IceUdpCandidateType.SERVER_REFLEXIVE);
        assertThat(candidate.related()).contains(new InetSocketAddress("192.0.2.10", 50000));
    }

    @Test
    void optionalAttributesTakeTheirDefaults() throws Exception {
        IceUdpCandidate candidate = parse("<candidate" + NS
                + " component='1' foundation='a' ip='::1' port='9' priority='1' protocol='UDP' type='host'/>");
        assertThat(candidate.generation()).isEqualTo(IceUdpCandidate.DEFAULT_GENERATION);
        assertThat(candidate.network()).isEqualTo(IceUdpCandidate.DEFAULT_NETWORK);
        assertThat(candidate.id()).isEmpty();
        assertThat(candidate.related()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "port='61000'|                     | 'port' is missing",
        "port='61000'| port='70000'        | 'port' must be 1 to 65535, got 70000",
        "port='61000'| port='0'            | 'port' must be 1 to 65535, got 0",
        "port='61000'| port='-1'           | 'port' must be a non-negative decimal number, got '-1'",
        "port='61000'| port='+1'           | 'port' must be a non-negative decimal number",
        "port='61000'| port='12a'          | 'port' must be a non-negative decimal number",
        "priority='1694498815'| priority='0'          | 'priority' must be 1 to 2147483647, got 0",
        "priority='1694498815'| priority='2147483648' | 'priority' must be 1 to 2147483647, got 2147483648",
        "priority='1694498815'| priority='99999999999999999999' | 'priority' must be a non-negative decimal number",
        "component='1'| component='0'      | 'component' must be 1 to 255, got 0",
        "generation='0'| generation='256'  | 'generation' must be 0 to 255, got 256",
        "network='1'| network='x'          | 'network' must be a non-negative decimal number",
        "foundation='2'| foundation='123456789012345678901234567890123' | 'foundation' must be 1 to 32 characters long, got 33",
        "foundation='2'| foundation='a:b'  | 'foundation' may only contain letters, digits, '+' and '/'",
        "ip='203.0.113.7'| ip='example.org'| 'ip' must be a literal IPv4 or IPv6 address, got 'example.org'",
        "ip='203.0.113.7'| ip='999.1.1.1'  | 'ip' must be a literal IPv4 or IPv6 address",
        "ip='203.0.113.7'| ip='010.0.0.1'  | 'ip' must be a literal IPv4 or IPv6 address",
        "ip='203.0.113.7'| ip='1:::2'      | 'ip' is not a valid IP address",
        "ip='203.0.113.7'| ip='fe80::1%eth0' | 'ip' must be a literal IPv4 or IPv6 address",
        "protocol='udp'| protocol='tcp'    | 'protocol' must be udp in the ICE-UDP transport, got 'tcp'",
        "type='srflx'| type='tcp-active'   | 'type' must be one of host, prflx, srflx, relay, got 'tcp-active'",
        "type='srflx'| type='bogus'        | 'type' must be one of host, prflx, srflx, relay, got 'bogus'",
        "type='srflx'| type='host'         | a host candidate has no 'rel-addr'/'rel-port'",
        "rel-port='50000'|                 | 'rel-addr' and 'rel-port' come together, got only 'rel-addr'",
        "rel-addr='192.0.2.10'| rel-addr='localhost' | 'rel-addr' must be a literal IPv4 or IPv6 address",
        "rel-port='50000'| rel-port='65536'| 'rel-port' must be 0 to 65535, got 65536",
        "id='c2'| id='2c'                  | 'id' must be an XML name",
    })
    void refusesAMalformedAttributeNamingIt(String valid, String malformed, String message) {
        String xml = "<candidate" + NS + " " + VALID.replace(valid, malformed == null ? "" : malformed) + "/>";
        assertThatThrownBy(() -> parse(xml)).isInstanceOf(JingleParseException.class).hasMessageContaining(message);
    }

    @Test
    void aReflexiveCandidateNeedsItsRelatedAddress() {
        String xml = "<candidate" + NS + " " + VALID.replace("rel-addr='192.0.2.10' rel-port='50000'", "") + "/>";
        assertThatThrownBy(() -> parse(xml)).isInstanceOf(JingleParseException.class)
                .hasMessageContaining("a srflx candidate needs 'rel-addr' and 'rel-port'");
    }

    @Test
    void refusesContentInACandidate() {
        assertThatThrownBy(() -> parse("<candidate" + NS + " " + VALID + "><extra/></candidate>"))
                .isInstanceOf(JingleParseException.class).hasMessageContaining("found <extra/>");
        assertThatThrownBy(() -> parse("<candidate" + NS + " " + VALID + ">text</candidate>"))
                .isInstanceOf(JingleParseException.class).hasMessageContaining("<candidate/> must be empty");
    }

    private static IceUdpCandidate parse(String xml) throws Exception {
        return IceUdpCandidateProvider.INSTANCE.parse(parserFor(xml));
    }
}
