package im.tandem.client.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.ice.session.IceConfig;

/** The set-up's order of steps, short of gathering: nothing here touches the network. */
class IceChannelSetupTest {

    @Test
    void anOfferIsReadOnce() throws Exception {
        IceChannelSetup answering = IceChannelSetup.answering();
        answering.readPeer(JingleSamples.transport());

        assertThat(answering.peerRead()).isTrue();
        assertThatThrownBy(() -> answering.readPeer(JingleSamples.transport()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRefusedAnswerLeavesThePeerUnread() {
        IceChannelSetup offering = IceChannelSetup.offering();
        IceUdpTransport actpass = JingleSamples.transport();

        assertThatThrownBy(() -> offering.readPeer(actpass))
                .isInstanceOf(UnusableTransportException.class)
                .hasMessage("an answer must choose setup active or passive, not actpass");
        assertThat(offering.peerRead()).isFalse();
    }

    @Test
    void anAnswerIsNotGatheredBeforeTheOfferIsRead() {
        assertThatThrownBy(() -> IceChannelSetup.answering().gather(IceConfig.defaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("an answer is gathered after the offer is read");
    }

    @Test
    void aClosedSetUpDoesNotGather() {
        IceChannelSetup offering = IceChannelSetup.offering();
        offering.close();

        assertThatThrownBy(() -> offering.gather(IceConfig.defaults()))
                .isInstanceOf(IOException.class)
                .hasMessage("the ICE set-up was closed");
    }
}
