package im.tandem.it.lab;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;


/** The builder rejects bad options as they are given, before anything touches the machine. */
class NatLabBuilderTest {

    @Test
    void rejectsNamesThatCannotBecomeInterfaceNames() {
        assertThatThrownBy(() -> NatLab.builder().client("Alice", NatKind.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Alice'");
        assertThatThrownBy(() -> NatLab.builder().client("abcdefghijklm", NatKind.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("15 characters");
        assertThatThrownBy(() -> NatLab.builder().host("a-b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host name 'a-b'");
    }

    @Test
    void rejectsDuplicatesReservedNamesAndMissingKinds() {
        assertThatThrownBy(() -> NatLab.builder().client("a", NatKind.NONE).client("a", NatKind.SYMMETRIC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("added twice");
        assertThatThrownBy(() -> NatLab.builder().host("stun"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stunServer()");
        assertThatThrownBy(() -> NatLab.builder().client("a", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a NatKind");
    }
}
