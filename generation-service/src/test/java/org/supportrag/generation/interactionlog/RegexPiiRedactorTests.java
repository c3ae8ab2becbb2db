package org.supportrag.generation.interactionlog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegexPiiRedactorTests {

    private final RegexPiiRedactor redactor = new RegexPiiRedactor();

    @Test
    void redactsEmailAddressesCardNumbersAndPhoneNumbers() {
        String redacted = redactor.redact("Mail jane.doe+billing@example.co.uk or call +44 20 7946 0958; "
                + "my card is 4111 1111 1111 1111 and my other phone (555) 123-4567.");

        assertThat(redacted).isEqualTo("Mail [email] or call [phone]; my card is [card] and my other phone [phone].");
    }

    @Test
    void leavesOrdinaryNumbersAlone() {
        String text = "Order 12345 shipped on 2024-05-01, refunds take 5 days and cost 19.99 EUR.";

        assertThat(redactor.redact(text)).isEqualTo(text);
    }

    @Test
    void leavesDigitRunsThatFailTheLuhnCheckToThePhoneRule() {
        assertThat(RegexPiiRedactor.luhn("4111 1111 1111 1111")).isTrue();
        assertThat(RegexPiiRedactor.luhn("4111 1111 1111 1112")).isFalse();
    }
}
