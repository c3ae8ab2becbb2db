package org.supportrag.defaults.privacy;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PiiRedactorTests {

    private final PiiRedactor redactor = new PiiRedactor();

    private String scrub(String text) {
        return redactor.scrub(text, List.of()).text();
    }

    @Test
    void leavesTheCustomersOwnOrderAndInvoiceNumbersInTheirConversation() {
        String text = "Where is order PO-88213? Invoice PCL-2025-001873 looks wrong.";

        assertThat(redactor.redact(text)).isEqualTo(text);
    }

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
        // Same length, wrong checksum: an order number, left alone in a customer's own conversation.
        assertThat(redactor.redact("order 4111111111111112 shipped")).isEqualTo("order 4111111111111112 shipped");
        assertThat(scrub("order 4111111111111112 shipped")).isEqualTo("order [order] shipped");
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
        List<String> harmless = List.of("Refunds take 5 business days.", "Your order shipped on 2024-03-15.",
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
    void leavesDatesAmountsAndPlanFactsAlone() {
        List<String> harmless = List.of("Your order shipped on 2024-05-01, refunds take 5 days and cost 19.99 EUR.",
                "The Pro plan costs $49 per month or $470 per year.", "Labels are 4x6 in (100x150 mm).",
                "Webhooks are signed with HMAC-SHA256 and retried 8 times over 24 hours.",
                "Open Settings > Billing > Invoices to download an invoice.", "Hi there, thanks for asking!",
                "Dear customer, your account is ready.", "We resent 1,184 failed events.");
        for (String text : harmless) {
            assertThat(scrub(text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void redactsInvoiceOrderTrackingAndAccountNumbersNamedAsSuch() {
        assertThat(scrub("I was charged twice (invoice PCL-2025-001873).")).isEqualTo(
                "I was charged twice (invoice [invoice]).");
        assertThat(scrub("Order #123456 shipped on 2024-03-15.")).isEqualTo("Order [order] shipped on "
                + "2024-03-15.");
        assertThat(scrub("Tracking number: 1234 5678 9012 3456 is stuck"))
            .isEqualTo("Tracking number: [tracking] is stuck");
        assertThat(scrub("my account number is AC-88213 since May")).isEqualTo(
                "my account number is [account] since May");
        assertThat(scrub("Rechnungsnummer RE-2024-0042 fehlt")).isEqualTo("Rechnungsnummer [invoice] fehlt");
        assertThat(scrub("Mi pedido 778812 no llegó")).isEqualTo("Mi pedido [order] no llegó");
        assertThat(scrub("numéro de commande : 55123-B")).contains("[order]").doesNotContain("55123");
    }

    @Test
    void redactsIdentifierShapedCodesWithoutAKeyword() {
        assertThat(scrub("today's charge is on PCL-2025-001902.")).isEqualTo("today's charge is on "
                + "[reference].");
        assertThat(scrub("UPS 1Z999AA10123456784 arrived")).isEqualTo("UPS [tracking] arrived");
        assertThat(scrub("parcel RR123456789DE")).doesNotContain("123456789");
    }

    @Test
    void redactsStreetAddressesInSeveralLanguages() {
        assertThat(scrub("Ship it to 221B Baker Street, London")).isEqualTo("Ship it to [address], London");
        assertThat(scrub("Lieferadresse: Hauptstraße 5, 10115 Berlin")).isEqualTo(
                "Lieferadresse: [address], 10115 Berlin");
        assertThat(scrub("Vivo en Calle Mayor 12, Madrid")).isEqualTo("Vivo en [address], Madrid");
        assertThat(scrub("au 12 rue de la Paix à Paris")).isEqualTo("au [address] à Paris");
    }

    @Test
    void redactsNamesInGreetingsIntroductionsAndSignOffs() {
        assertThat(scrub("Hi Maya, thanks for the details.")).isEqualTo("Hi [name], thanks for the details.");
        assertThat(scrub("Hello, my name is Daniel Reyes and I need help."))
            .isEqualTo("Hello, my name is [name] and I need help.");
        assertThat(scrub("That fixed it.\nThanks,\nSophie Brandt")).isEqualTo("That fixed it.\nThanks,\n[name]");
        assertThat(scrub("Hallo Jonas, danke!")).isEqualTo("Hallo [name], danke!");
    }

    @Test
    void redactsKnownNamesAndTheirPartsEverywhere() {
        Redactor.Redaction redaction = redactor.scrub("Sophie asked whether Brandt & Co can pay monthly.",
                List.of("Sophie Brandt"));

        assertThat(redaction.text()).isEqualTo("[name] asked whether [name] & Co can pay monthly.");
        assertThat(redaction.kinds()).containsExactly("name");
    }

    @Test
    void findsTheValuesOfIdentifiersForComparisonWithOtherTexts() {
        assertThat(redactor.values("See invoice PCL-2025-001873 and mail jane@example.com"))
            .contains(PiiRedactor.normalize("PCL-2025-001873"), PiiRedactor.normalize("jane@example.com"));
    }
}
