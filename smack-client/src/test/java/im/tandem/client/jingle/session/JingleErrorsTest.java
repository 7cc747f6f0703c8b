package im.tandem.client.jingle.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleError;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class JingleErrorsTest {
    private final Jingle request = Jingle.builder("r1").from(JidCreate.fromOrThrowUnchecked("alice@example.org/a"))
            .setAction(JingleAction.transport_info).setSessionId("s1").build();

    @Test
    void theTextReachesThePeerThroughSmacksStreamWriter() throws Exception {
        StanzaError error = Wire.roundTrip(JingleErrors.badRequest(request, "port 0 <is> not allowed")).getError();

        assertThat(error.getCondition()).isEqualTo(StanzaError.Condition.bad_request);
        assertThat(error.getDescriptiveText()).isEqualTo("port 0 <is> not allowed");
    }

    @Test
    void eachJingleConditionTravelsWithItsXmppCondition() throws Exception {
        assertWire(JingleErrors.unknownSession(request), StanzaError.Condition.item_not_found,
                JingleError.UNKNOWN_SESSION);
        assertWire(JingleErrors.outOfOrder(request, "x"), StanzaError.Condition.unexpected_request,
                JingleError.OUT_OF_ORDER);
        assertWire(JingleErrors.unsupportedInfo(request, "x"), StanzaError.Condition.feature_not_implemented,
                JingleError.UNSUPPORTED_INFO);
        assertWire(JingleErrors.notImplemented(request, "x"), StanzaError.Condition.feature_not_implemented, null);
        assertWire(JingleErrors.internalError(request), StanzaError.Condition.internal_server_error, null);
    }

    private static void assertWire(IQ response, StanzaError.Condition condition, JingleError jingleCondition)
            throws Exception {
        assertThat(response.toXML().toString()).as("the request is not echoed").doesNotContain("<jingle");
        IQ received = Wire.roundTrip(response);
        assertThat(received.getType()).isEqualTo(IQ.Type.error);
        assertThat(received.getStanzaId()).isEqualTo("r1");
        assertThat(received.getError().getCondition()).isEqualTo(condition);
        assertThat(received.getError().getDescriptiveText()).isNotBlank();
        if (jingleCondition != null) {
            String name = jingleCondition.getElementName();
            Object extension = received.getError().getExtension(name, JingleError.NAMESPACE);
            assertThat(extension).as("<%s/>", name).isNotNull();
        }
    }
}
