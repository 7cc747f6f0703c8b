package im.tandem.client.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import im.tandem.client.jingle.element.DtlsSetup;

/** XEP-0320's setup rules, for every pair of offered and answered setups. */
class DtlsRolesTest {

    @Test
    void anOfferLeavesTheChoiceToTheAnswerer() {
        assertThat(DtlsRoles.OFFER).isEqualTo(DtlsSetup.ACTPASS);
    }

    @ParameterizedTest
    @CsvSource({
        "ACTPASS, ACTIVE",
        "PASSIVE, ACTIVE",
        "ACTIVE,  PASSIVE",
    })
    void theAnswererIsTheClientUnlessTheOffererInsists(DtlsSetup offered, DtlsSetup answered) {
        assertThat(DtlsRoles.answerTo(offered)).isEqualTo(answered);
    }

    @ParameterizedTest
    @CsvSource({
        "ACTPASS, ACTIVE,  ANSWERER",
        "ACTPASS, PASSIVE, OFFERER",
        "PASSIVE, ACTIVE,  ANSWERER",
        "ACTIVE,  PASSIVE, OFFERER",
    })
    void theActiveSideIsTheTlsClient(DtlsSetup offered, DtlsSetup answered, DtlsRoles.Side client)
            throws Exception {
        assertThat(DtlsRoles.tlsClient(offered, answered)).isEqualTo(client);
    }

    @ParameterizedTest
    @EnumSource(DtlsSetup.class)
    void anAnswerOfActpassIsRefused(DtlsSetup offered) {
        assertThatThrownBy(() -> DtlsRoles.tlsClient(offered, DtlsSetup.ACTPASS))
                .isInstanceOf(UnusableTransportException.class)
                .hasMessage("an answer must choose setup active or passive, not actpass");
    }

    @ParameterizedTest
    @CsvSource({
        "ACTIVE,  both sides chose setup active",
        "PASSIVE, both sides chose setup passive",
    })
    void anAnswerTakingTheOfferersRoleIsRefused(DtlsSetup both, String message) {
        assertThatThrownBy(() -> DtlsRoles.tlsClient(both, both))
                .isInstanceOf(UnusableTransportException.class)
                .hasMessageStartingWith(message);
    }

    @ParameterizedTest
    @EnumSource(DtlsSetup.class)
    void ourAnswerIsAlwaysAccepted(DtlsSetup offered) throws Exception {
        DtlsRoles.Side client = DtlsRoles.tlsClient(offered, DtlsRoles.answerTo(offered));

        assertThat(client).isEqualTo(offered == DtlsSetup.ACTIVE ? DtlsRoles.Side.OFFERER : DtlsRoles.Side.ANSWERER);
    }
}
