package im.tandem.client.jingle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.jingle.ProposalResponder.Answer;
import im.tandem.client.jingle.element.JingleMessage;
import im.tandem.client.jingle.element.JingleMessageAction;
import im.tandem.client.jingle.element.XmlStreamDescription;
import im.tandem.client.jingle.policy.PeerPolicy;

class ProposalResponderTest {
    private static final String FILES = "urn:xmpp:jingle:apps:file-transfer:5";
    private static final String CALLS = "urn:xmpp:jingle:apps:rtp:1";
    private static final Jid SAM_PHONE = JidCreate.fromOrThrowUnchecked("sam@example.org/phone");
    private static final BareJid SAM = SAM_PHONE.asBareJid();
    private static final PeerPolicy ONLY_SAM = SAM::equals;
    private static final Predicate<String> WE_RUN = Set.of(FILES, XmlStreamDescription.NAMESPACE)::contains;

    @Test
    void aContactProposingAFileGetsProceed() {
        assertThat(ProposalResponder.answer(SAM_PHONE, propose(FILES), ONLY_SAM, WE_RUN)).isEqualTo(Answer.PROCEED);
    }

    @Test
    void aContactProposingACallWeCannotTakeGetsReject() {
        assertThat(ProposalResponder.answer(SAM_PHONE, propose(CALLS), ONLY_SAM, WE_RUN)).isEqualTo(Answer.REJECT);
        assertThat(ProposalResponder.answer(SAM_PHONE, propose(FILES, CALLS), ONLY_SAM, WE_RUN))
                .as("every proposed application must be one we run").isEqualTo(Answer.REJECT);
    }

    @Test
    void aStrangerGetsNoAnswerEvenForAFile() {
        Jid stranger = JidCreate.fromOrThrowUnchecked("mallory@example.org/laptop");
        assertThat(ProposalResponder.answer(stranger, propose(FILES), ONLY_SAM, WE_RUN)).isEqualTo(Answer.IGNORE);
        assertThat(ProposalResponder.answer(stranger, propose(CALLS), ONLY_SAM, WE_RUN)).isEqualTo(Answer.IGNORE);
    }

    @Test
    void aProposalFromNoDeviceOrOfAnotherVerbGetsNoAnswer() {
        assertThat(ProposalResponder.answer(SAM, propose(FILES), ONLY_SAM, WE_RUN))
                .as("a proceed needs a device to go to").isEqualTo(Answer.IGNORE);
        assertThat(ProposalResponder.answer(null, propose(FILES), ONLY_SAM, WE_RUN)).isEqualTo(Answer.IGNORE);
        assertThat(ProposalResponder.answer(SAM_PHONE, JingleMessage.proceed("s1"), ONLY_SAM, WE_RUN))
                .isEqualTo(Answer.IGNORE);
    }

    private static JingleMessage propose(String... applications) {
        return new JingleMessage(JingleMessageAction.PROPOSE, "s1", List.of(applications), Optional.empty());
    }
}
