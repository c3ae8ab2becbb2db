package org.supportrag.generation.guardrail;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PiiRedactorTests {

    private final PiiRedactor redactor = new PiiRedactor();

    @Test
    void redactsEmailAddresses() {
        Redactor.Redaction redaction = redactor.scan("Write to jane.doe+orders@example.co.uk about it.");

        assertThat(redaction.text()).isEqualTo("Write to [email] about it.");
        assertThat(redaction.kinds()).containsExactly("email");
    }

    @Test
    void redactsPhoneNumbersInCommonFormats() {
        assertThat(redactor.redact("Call me on +44 20 7946 0958 please")).isEqualTo("Call me on [phone] please");
        assertThat(redactor.redact("my number is (555) 123-4567.")).isEqualTo("my number is [phone].");
        assertThat(redactor.redact("ring 030 123 456 78 today")).isEqualTo("ring [phone] today");
        assertThat(redactor.redact("+4915112345678")).isEqualTo("[phone]");
    }

    @Test
    void redactsCardNumbersOnlyWhenTheLuhnChecksumHolds() {
        assertThat(redactor.redact("card 4111 1111 1111 1111 expired")).isEqualTo("card [card] expired");
        assertThat(redactor.redact("card 4111-1111-1111-1111")).isEqualTo("card [card]");
        assertThat(redactor.redact("5500005555555559")).isEqualTo("[card]");
        // Same length, wrong checksum: an order or tracking number, left alone.
        assertThat(redactor.redact("order 4111111111111112 shipped")).isEqualTo("order 4111111111111112 shipped");
    }

    @Test
    void redactsIbansOnlyWhenTheMod97ChecksumHolds() {
        assertThat(redactor.redact("IBAN DE89 3704 0044 0532 0130 00 thanks")).isEqualTo("IBAN [iban] thanks");
        assertThat(redactor.redact("GB82WEST12345698765432")).isEqualTo("[iban]");
        assertThat(redactor.scan("DE00 3704 0044 0532 0130 00").kinds()).doesNotContain("iban");
    }

    @Test
    void redactsUsSocialSecurityNumbers() {
        assertThat(redactor.redact("SSN 123-45-6789.")).isEqualTo("SSN [ssn].");
    }

    @Test
    void leavesOrdinaryNumbersDatesAndPricesAlone() {
        List<String> harmless = List.of("Refunds take 5 business days.", "Order #123456 shipped on 2024-03-15.",
                "It costs 1,299.00 EUR or 49.99 USD.", "Version 1.2.3 runs on 10.0.0.1", "Open 9 to 17 on weekdays.",
                "Call within 30 days [1].");
        for (String text : harmless) {
            assertThat(redactor.scan(text).redacted()).as(text).isFalse();
            assertThat(redactor.redact(text)).isEqualTo(text);
        }
    }

    @Test
    void keepsAllowedValuesSuchAsTheHelpCentersOwnAddress() {
        Redactor.Redaction redaction = redactor.scan("Mail support@shop.example or me at joe@mail.example",
                redactor.values("Contact support@shop.example for help."));

        assertThat(redaction.text()).isEqualTo("Mail support@shop.example or me at [email]");
    }

    @Test
    void redactsEmailAddressesCardNumbersAndPhoneNumbersInOneText() {
        String redacted = redactor.redact("Mail jane.doe+billing@example.co.uk or call +44 20 7946 0958; "
                + "my card is 4111 1111 1111 1111 and my other phone (555) 123-4567.");

        assertThat(redacted).isEqualTo("Mail [email] or call [phone]; my card is [card] and my other phone [phone].");
    }

    @Test
    void leavesOrderNumbersDatesAndAmountsAlone() {
        String text = "Order 12345 shipped on 2024-05-01, refunds take 5 days and cost 19.99 EUR.";

        assertThat(redactor.redact(text)).isEqualTo(text);
    }
}
