package org.supportrag.ingestion.format;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataTests {

    @Test
    void scrubsEmailAddressesPhoneNumbersAndCardNumbers() {
        String text = """
                Hi, I'm jane.doe+shop@example.co.uk, call me on +49 151 2345 6789 or (030) 555-0199.
                I paid with 4111 1111 1111 1111 on order 123456 placed 2025-03-04.
                """;

        String scrubbed = PersonalData.scrub(text);

        assertThat(scrubbed).doesNotContain("jane.doe", "2345 6789", "555-0199", "4111")
            .contains("Hi, I'm [email], call me on [phone] or [phone].", "I paid with [card number]")
            // Order numbers and dates stay: they are not personal data and help answer questions.
            .contains("order 123456", "2025-03-04");
    }

    @Test
    void keepsDigitRunsThatFailTheCardChecksum() {
        assertThat(PersonalData.scrub("Tracking 1234 5678 9012 3456 is on its way."))
            .isEqualTo("Tracking 1234 5678 9012 3456 is on its way.");
        assertThat(PersonalData.luhn("4111111111111111")).isTrue();
        assertThat(PersonalData.luhn("1234567890123456")).isFalse();
    }
}
