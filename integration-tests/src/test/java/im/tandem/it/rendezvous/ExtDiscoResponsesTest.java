package im.tandem.it.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.Jid;

import im.tandem.client.TandemClient;
import im.tandem.client.extdisco.ExternalService;
import im.tandem.client.extdisco.ExternalServiceDiscoveryManager;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * Results and errors sent to the server in the XEP-0215 namespace are nobody's requests: the server ignores them,
 * instead of failing to answer them and logging a stack trace at ERROR for each, which let anyone fill its log.
 */
@Tag("server")
class ExtDiscoResponsesTest {
    private static final String NAMESPACE = "urn:xmpp:extdisco:2";
    /** Enough stanzas that a logged failure per stanza could not be missed. */
    private static final int STANZAS_OF_EACH_TYPE = 5;

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder()
            .user("alice", "alice-pw")
            .property("tandem.stun.advertised", "127.0.0.1:3478")
            .build());

    @Test
    void resultsAndErrorsAreIgnoredWithoutAnErrorInTheLogAndRequestsStillAnswered() throws Exception {
        Path log = OPENFIRE.server().home().logFile();
        long logged = Files.size(log);
        try (TandemClient alice = OPENFIRE.login("alice")) {
            Jid server = alice.connection().getXMPPServiceDomain();
            for (int i = 0; i < STANZAS_OF_EACH_TYPE; i++) {
                for (String element : List.of("services", "credentials")) {
                    alice.connection().sendStanza(new Response(server, element, IQ.Type.result));
                    alice.connection().sendStanza(new Response(server, element, IQ.Type.error));
                }
            }

            // Openfire handles one connection's stanzas in order: once this is answered, the others were handled.
            List<ExternalService> services = ExternalServiceDiscoveryManager.getInstanceFor(alice.connection())
                    .services();

            assertThat(services).extracting(ExternalService::type).containsExactly("stun");
        }
        byte[] bytes = Files.readAllBytes(log);
        String since = new String(Arrays.copyOfRange(bytes, (int) logged, bytes.length), StandardCharsets.UTF_8);
        assertThat(since.lines().filter(line -> line.contains("ERROR") || line.startsWith("\tat ")
                || line.contains("Exception"))).as("errors and stack traces logged").isEmpty();
    }

    /** A result or error IQ in the extdisco namespace, as a confused or hostile client might send to the server. */
    private static final class Response extends IQ {
        Response(Jid to, String element, Type type) {
            super(element, NAMESPACE);
            setTo(to);
            setType(type);
            if (type == Type.error) {
                setError(StanzaError.getBuilder(StanzaError.Condition.bad_request).build());
            }
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.setEmptyElement();
            return xml;
        }
    }
}
