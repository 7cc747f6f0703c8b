package im.tandem.it.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.client.TandemClient;
import im.tandem.client.extdisco.ExternalService;
import im.tandem.client.extdisco.ExternalServiceDiscoveryManager;
import im.tandem.it.openfire.LogMark;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;
import im.tandem.it.openfire.StrayResponse;

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
        LogMark mark = LogMark.now(OPENFIRE.server());
        try (TandemClient alice = OPENFIRE.login("alice")) {
            StrayResponse.sendToServer(alice.connection(), STANZAS_OF_EACH_TYPE, List.of(
                    new StrayResponse.Child("services", NAMESPACE, Map.of()),
                    new StrayResponse.Child("credentials", NAMESPACE, Map.of())));

            // Openfire handles one connection's stanzas in order: once this is answered, the others were handled.
            List<ExternalService> services = ExternalServiceDiscoveryManager.getInstanceFor(alice.connection())
                    .services();

            assertThat(services).extracting(ExternalService::type).containsExactly("stun");
        }
        assertThat(mark.problemsSince()).as("errors and stack traces logged").isEmpty();
    }
}
