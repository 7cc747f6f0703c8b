package im.tandem.openfire.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Email addresses and E.164 phone numbers as users type them. */
class AddressesTest {
    @Test
    void emailAddressesAreTrimmedAndTheirDomainLowerCased() throws Exception {
        assertThat(EmailAddress.parse("  Alice.Smith+tandem@Example.ORG ")).isEqualTo("Alice.Smith+tandem@example.org");
        assertThat(EmailAddress.parse("a@b-c.example")).isEqualTo("a@b-c.example");
    }

    @Test
    void malformedEmailAddressesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> EmailAddress.parse("")).hasMessageContaining("is required");
        assertThatThrownBy(() -> EmailAddress.parse("alice")).hasMessageContaining("needs one @");
        assertThatThrownBy(() -> EmailAddress.parse("a@b@example.org")).hasMessageContaining("needs one @");
        assertThatThrownBy(() -> EmailAddress.parse("alice@")).hasMessageContaining("needs one @");
        assertThatThrownBy(() -> EmailAddress.parse("al ice@example.org")).hasMessageContaining("before the @");
        assertThatThrownBy(() -> EmailAddress.parse("alice..x@example.org")).hasMessageContaining("before the @");
        assertThatThrownBy(() -> EmailAddress.parse("alice@localhost")).hasMessageContaining("needs a dot");
        assertThatThrownBy(() -> EmailAddress.parse("alice@-bad.example")).hasMessageContaining("not a valid mail domain");
        assertThatThrownBy(() -> EmailAddress.parse("alice@exa_mple.org")).hasMessageContaining("not a valid mail domain");
        assertThatThrownBy(() -> EmailAddress.parse("a".repeat(250) + "@example.org"))
                .hasMessageContaining("at most 254");
    }

    @Test
    void phoneNumbersAreReducedToPlusAndDigits() throws Exception {
        assertThat(PhoneNumber.parse("+49 (151) 1234-5678")).isEqualTo("+4915112345678");
        assertThat(PhoneNumber.parse("+1.202.555.0143")).isEqualTo("+12025550143");
        assertThat(PhoneNumber.parse("+123456789012345")).as("15 digits").isEqualTo("+123456789012345");
    }

    @Test
    void numbersThatAreNotE164AreRefusedWithTheReason() {
        assertThatThrownBy(() -> PhoneNumber.parse("0151 12345678")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("needs the country code with a +");
        assertThatThrownBy(() -> PhoneNumber.parse("0049 151 12345678"))
                .hasMessage("write '0049 151 12345678' with a + instead of the leading 00, as in +4915112345678");
        assertThatThrownBy(() -> PhoneNumber.parse("+0151234567")).hasMessageContaining("the first not 0");
        assertThatThrownBy(() -> PhoneNumber.parse("+1234567890123456")).as("16 digits")
                .hasMessageContaining("7 to 15 digits");
        assertThatThrownBy(() -> PhoneNumber.parse("+49 151 CALL-ME")).hasMessageContaining("is not an E.164 number");
        assertThatThrownBy(() -> PhoneNumber.parse(" ")).hasMessageContaining("is required");
    }
}
