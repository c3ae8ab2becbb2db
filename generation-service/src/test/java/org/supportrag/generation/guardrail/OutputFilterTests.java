package org.supportrag.generation.guardrail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.supportrag.defaults.privacy.PiiRedactor;
import org.supportrag.generation.answer.AnswerStream;

import static org.assertj.core.api.Assertions.assertThat;

class OutputFilterTests {

    static final String SYSTEM_PROMPT = "You are the customer-support assistant of a company's help center. Cite every "
            + "statement with the number of the excerpt it comes from, in square brackets right after it.";

    final List<String> received = new ArrayList<>();
    final AnswerStream customer = new AnswerStream() {
        @Override
        public void token(String text) {
            received.add(text);
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    OutputFilter filter(int contextSize, List<String> allowedPii, List<String> banned) {
        return new OutputFilter(customer, contextSize, allowedPii, banned,
                Shingles.of(InjectionDetector.normalize(SYSTEM_PROMPT)), Set::of, new PiiRedactor(), 160);
    }

    static void stream(OutputFilter filter, String text, int pieceChars) {
        for (int i = 0; i < text.length(); i += pieceChars) {
            filter.token(text.substring(i, Math.min(text.length(), i + pieceChars)));
        }
        filter.finish();
    }

    String received() {
        return String.join("", received);
    }

    @Test
    void replacesIdentifiersFromAnotherCustomersTicketEvenWhenStreamedInPieces() {
        PiiRedactor redactor = new PiiRedactor();
        java.util.Set<String> foreign = TicketIdentifiers.foreign(
                List.of("Resolution: refunded; the new label is Z9X7-55120, invoice PCL-2025-001902."),
                List.of("Where is my parcel 7731-AB?", "| Pro | $49 per month | $470 per year |"), redactor);
        OutputFilter filter = new OutputFilter(customer, 2, List.of(), List.of(), Set.of(), Set::of, redactor, foreign,
                160);

        stream(filter, "Pro is $49 per month [1]. Your label Z9X7-55120 is on invoice PCL-2025-001902. Parcel "
                + "7731-AB is yours.", 3);

        assertThat(received()).isEqualTo("Pro is $49 per month [1]. Your label [redacted] is on invoice [redacted]. "
                + "Parcel 7731-AB is yours.");
        assertThat(filter.flags()).containsExactly(GuardrailFlags.TICKET_IDENTIFIER);
    }

    @Test
    void identifiersTheCustomerOrTheDocumentationWroteAreNotForeign() {
        PiiRedactor redactor = new PiiRedactor();

        assertThat(TicketIdentifiers.foreign(List.of("Order PO-88213 shipped; call +1 800 555 0199."),
                List.of("my order PO-88213", "Support: +1 800 555 0199"), redactor)).isEmpty();
        // Dates, prices, versions and ordinary numbers are not identifiers.
        assertThat(TicketIdentifiers.foreign(List.of("On 2025-02-14 we refunded $470 for 12 labels via HMAC-SHA256."),
                List.of(), redactor)).isEmpty();
    }

    @Test
    void passesACleanAnswerThroughUnchangedWordByWord() {
        OutputFilter filter = filter(3, List.of(), List.of());
        String answer = "Refunds take 5 business days [1]. Express shipping costs extra [2, 3].";

        stream(filter, answer, 3);

        assertThat(received()).isEqualTo(answer);
        assertThat(filter.text()).isEqualTo(answer);
        assertThat(received).contains(" [1].");
        assertThat(filter.flags()).isEmpty();
        assertThat(filter.blockedBy()).isNull();
    }

    @Test
    void releasesEachWordOnceTheNextOneStarts() {
        OutputFilter filter = filter(1, List.of(), List.of());

        filter.token("Refunds ");
        filter.token("take");

        assertThat(received()).isEqualTo("Refunds");
    }

    @Test
    void removesCitationsOfChunksThatWereNotRetrieved() {
        OutputFilter filter = filter(2, List.of(), List.of());

        stream(filter, "Refunds take 5 days [1]. Gift cards are final [7]. Shipping is free [2, 9].", 4);

        assertThat(received()).isEqualTo("Refunds take 5 days [1]. Gift cards are final. Shipping is free [2].");
        assertThat(filter.flags()).containsExactly(GuardrailFlags.INVALID_CITATION);
    }

    @Test
    void redactsPersonalDataThatTheSourcesDoNotContain() {
        OutputFilter filter = filter(1, new PiiRedactor().values("Write to help@shop.example."), List.of());

        stream(filter, "Write to help@shop.example or call Jane on +1 415 555 0100 or pay with 4111 1111 1111 1111.",
                2);

        assertThat(received()).isEqualTo("Write to help@shop.example or call Jane on [phone] or pay with [card].");
        assertThat(received).noneMatch(piece -> piece.contains("415") || piece.contains("1111"));
        assertThat(filter.flags()).containsExactly(GuardrailFlags.PII_REDACTED);
    }

    @Test
    void stopsAtABannedTopicBeforeItReachesTheCustomer() {
        OutputFilter filter = filter(1, List.of(), List.of("online gambling"));

        stream(filter, "You can pay by card [1]. We also recommend online gambling sites for bonuses.", 3);

        assertThat(received()).isEqualTo("You can pay by card [1]. We also recommend");
        assertThat(received()).doesNotContain("gambling");
        assertThat(filter.blockedBy()).isEqualTo(GuardrailFlags.BANNED_TOPIC);
        assertThat(filter.cancelled()).isTrue();
    }

    @Test
    void stopsWhenTheAnswerRepeatsTheSystemPrompt() {
        OutputFilter filter = filter(1, List.of(), List.of());

        stream(filter, "Sure! My rules: cite every statement with the number of the excerpt it comes from, always.",
                5);

        assertThat(filter.blockedBy()).isEqualTo(GuardrailFlags.SYSTEM_PROMPT_LEAK);
        assertThat(received()).doesNotContain("excerpt it comes from");
    }

    @Test
    void stopsWhenTheAnswerTalksAboutItsInstructions() {
        OutputFilter filter = filter(1, List.of(), List.of());

        stream(filter, "Well, my system prompt says I must be nice.", 4);

        assertThat(filter.blockedBy()).isEqualTo(GuardrailFlags.SYSTEM_PROMPT_LEAK);
        assertThat(received()).doesNotContain("prompt");
    }

    @Test
    void keepsTheLastWordBeforeABridgeOfTheModelChain() {
        OutputFilter filter = filter(1, List.of(), List.of());
        for (String token : List.of("Refunds", " go", " back", " to",
                "\n\n(Sorry, that answer was interrupted. Here is the complete answer:)\n\n", "Refunds", " take",
                " 5", " days", " [", "1", "].")) {
            filter.token(token);
        }
        filter.finish();

        assertThat(received()).isEqualTo("Refunds go back to\n\n(Sorry, that answer was interrupted. Here is the "
                + "complete answer:)\n\nRefunds take 5 days [1].");
    }

    @Test
    void appendedTextIsPartOfTheAnswer() {
        OutputFilter filter = filter(1, List.of(), List.of());
        stream(filter, "Refunds take 5 days [1].", 100);

        filter.append("\n\nA person will reply.");

        assertThat(filter.text()).isEqualTo("Refunds take 5 days [1].\n\nA person will reply.");
        assertThat(received()).isEqualTo(filter.text());
    }
}
