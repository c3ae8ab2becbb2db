package org.supportrag.generation.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.embedding.EmbeddingProperties;
import org.supportrag.defaults.embedding.OnnxEmbeddingModel;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.generation.GenerationProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline answerer with the real bundled embedding model. */
class ExtractiveAnswererTests {

    static final SearchHit REFUNDS = hit("Refund policy", """
            ## Refund policy
            You can request a refund within 30 days of purchase. Refunds are issued to the original payment method \
            within 5 business days after we approve the request. Digital gift cards are not refundable.""", 0.82);
    static final SearchHit SHIPPING = hit("Shipping", """
            Standard shipping takes 3 to 7 business days. Express shipping delivers within 2 business days for an \
            extra fee. We ship to every country in the European Union.""", 0.61);
    static final SearchHit PASSWORD = hit("Account access", """
            # Signing in
            - To reset your password, open the sign-in page and click **Forgot password**.
            - We email you a reset link that is valid for 24 hours.
            See [our security page](https://example.com/security) for more.""", 0.55);

    private static OnnxEmbeddingModel model;
    private static ExtractiveAnswerer answerer;

    @BeforeAll
    static void loadModel() {
        model = OnnxEmbeddingModel.loadBundled();
        TextEmbedder embedder = TextEmbedder.of(model, TokenCounter.bundled(), EmbeddingProperties.defaults());
        answerer = new ExtractiveAnswerer(embedder, TokenCounter.bundled(), GenerationProperties.Extractive.defaults());
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @Test
    void quotesTheRelevantSentenceAndCitesItsChunk() {
        Recorded recorded = new Recorded();

        Answer answer = answerer.answer(
                new Question("How long does it take to get my money back?", List.of(REFUNDS, SHIPPING, PASSWORD)),
                recorded);

        assertThat(answer.text()).contains("within 5 business days").endsWith("[1].");
        assertThat(answer.text()).doesNotContain("[2]").doesNotContain("[3]");
        assertThat(answer.flags()).isEmpty();
        assertThat(answer.model()).isEqualTo(ExtractiveAnswerer.MODEL);
        assertThat(answer.calibration()).isEqualTo(org.supportrag.generation.confidence.Calibration.EXTRACTIVE);
        assertThat(answer.confidence()).isBetween(0.4, 1.0);
        assertThat(answer.costUsd()).isZero();
        assertThat(answer.promptTokens()).isPositive();
        assertThat(answer.completionTokens()).isPositive();
    }

    @Test
    void numbersCitationsByTheChunksPositionInTheResults() {
        Answer answer = answerer.answer(
                new Question("How can I reset my password?", List.of(REFUNDS, SHIPPING, PASSWORD)), new Recorded());

        assertThat(answer.text()).contains("Forgot password [3].");
        // Markdown is not quoted as such.
        assertThat(answer.text()).doesNotContain("**").doesNotContain("- To");
        for (int index : markers(answer.text())) {
            assertThat(index).isEqualTo(3);
        }
    }

    @Test
    void readsSentencesUnderTheirHeadingsAndNeverQuotesAHeading() {
        // Small sections end up merged in one chunk: the heading inside the chunk says what a sentence is about.
        SearchHit merged = new SearchHit(UUID.randomUUID(), UUID.randomUUID(), "Returns and refunds", null,
                "Returns and refunds", """
                        ## Return window
                        Orders can be returned within 45 days of delivery. Print the prepaid label.

                        ## Refund timing
                        Refunds reach the original payment method within 7 business days.
                        """, 0.7, 1);

        Answer answer = answerer.answer(new Question("What is the return window?", List.of(merged)), new Recorded());

        assertThat(answer.text()).contains("within 45 days").contains("[1]").doesNotContain("#");
        assertThat(ExtractiveAnswerer.blocks(merged.text())).extracting(block -> block.heading())
            .containsExactly("Return window", "Refund timing");
    }

    @Test
    void neverQuotesQuestionsOrTableRows() {
        SearchHit faq = new SearchHit(UUID.randomUUID(), UUID.randomUUID(), "Webhooks", null, "Webhooks > Retries", """
                Can I change the retry policy?
                | Retry | Delay |
                |---|---|
                | 1 | 1 minute |
                Failed deliveries are retried 8 times over about 24 hours.
                """, 0.7, 1);

        Answer answer = answerer.answer(new Question("What is the webhook retry policy?", List.of(faq)), new Recorded());

        assertThat(answer.text()).contains("retried 8 times").doesNotContain("?").doesNotContain("|");
    }

    @Test
    void doesNotSayTheSameThingTwice() {
        SearchHit troubleshooting = hit("Troubleshooting", "The reset link is valid for 60 minutes.", 0.8);
        SearchHit account = hit("Account access", "The reset link is valid for 60 minutes and can be used only once.", 0.7);

        Answer answer = answerer.answer(
                new Question("How long is the password reset link valid?", List.of(troubleshooting, account)),
                new Recorded());

        assertThat(answer.text().split("60 minutes", -1)).hasSize(2);
    }

    @Test
    void streamsTheAnswerWordByWord() {
        Recorded recorded = new Recorded();

        Answer answer = answerer.answer(new Question("How long do refunds take?", List.of(REFUNDS)), recorded);

        assertThat(String.join("", recorded.tokens)).isEqualTo(answer.text());
        assertThat(recorded.tokens).hasSizeGreaterThan(5);
        assertThat(recorded.tokens).allSatisfy(token -> assertThat(token.strip()).doesNotContain(" "));
    }

    @Test
    void saysSoWhenTheHelpCenterDoesNotCoverTheQuestion() {
        Recorded recorded = new Recorded();

        Answer answer = answerer.answer(
                new Question("What is the capital of Mongolia?", List.of(REFUNDS, SHIPPING, PASSWORD)), recorded);

        assertThat(answer.text()).isEqualTo(ExtractiveAnswerer.NOT_COVERED);
        assertThat(markers(answer.text())).isEmpty();
        assertThat(answer.flags()).containsExactly(AnswerFlags.LOW_CONFIDENCE);
        assertThat(answer.confidence()).isLessThan(0.35);
        assertThat(String.join("", recorded.tokens)).isEqualTo(answer.text());
    }

    @Test
    void answersPolitelyWithoutAnyRetrievedChunks() {
        Answer answer = answerer.answer(new Question("How long do refunds take?", List.of()), new Recorded());

        assertThat(answer.text()).isEqualTo(ExtractiveAnswerer.NOT_COVERED);
        assertThat(answer.flags()).containsExactly(AnswerFlags.LOW_CONFIDENCE);
        assertThat(answer.confidence()).isZero();
    }

    @Test
    void stopsStreamingWhenTheClientIsGone() {
        Recorded recorded = new Recorded();
        recorded.cancelAfter = 2;

        answerer.answer(new Question("How long do refunds take?", List.of(REFUNDS)), recorded);

        assertThat(recorded.tokens).hasSize(2);
    }

    @Test
    void placesTheMarkerBeforeTheClosingPunctuation() {
        assertThat(ExtractiveAnswerer.cite("Refunds take 5 days.", 2)).isEqualTo("Refunds take 5 days [2].");
        assertThat(ExtractiveAnswerer.cite("Is it free?\"", 1)).isEqualTo("Is it free [1]?\"");
        assertThat(ExtractiveAnswerer.cite("No punctuation here", 4)).isEqualTo("No punctuation here [4].");
    }

    @Test
    void splitsMarkdownIntoQuotableSentences() {
        List<String> sentences = Sentences.split(PASSWORD.text());

        assertThat(sentences).containsExactly(
                "To reset your password, open the sign-in page and click Forgot password.",
                "We email you a reset link that is valid for 24 hours.",
                "See our security page for more.");
    }

    @Test
    void documentationOutranksATicketSayingTheSame() {
        SearchHit ticket = new SearchHit(UUID.randomUUID(), UUID.randomUUID(), "Ticket PCL-1006",
                "tickets/parcelly-tickets.json#PCL-1006", "Ticket PCL-1006: Refund for voided USPS labels > Thread", """
                        Customer: I voided 12 USPS labels last week and the money is still not in my wallet.

                        Agent: Hi, nothing went wrong. USPS void refunds take 15 to 21 days after voiding, so yours \
                        will arrive soon.""", 0.8, 1);
        SearchHit docs = new SearchHit(UUID.randomUUID(), UUID.randomUUID(), "Voiding labels",
                "help-center/voiding-labels.md", "Voiding labels > Frequently asked", """
                        USPS void refunds take 15 to 21 days after voiding; the status stays Void requested until \
                        USPS approves.""", 0.7, 2);

        Answer answer = answerer.answer(new Question("My USPS void refund has not arrived after a week, is that normal?",
                List.of(ticket, docs)), new Recorded());

        assertThat(answer.text()).contains("15 to 21 days").contains("[2]").doesNotContain("[1]");
        assertThat(answer.text()).doesNotContain("I voided 12 USPS labels");
    }

    static SearchHit hit(String title, String text, double score) {
        return new SearchHit(UUID.randomUUID(), UUID.randomUUID(), title, "https://help.example.com/" + title,
                null, text, score, 0);
    }

    static List<Integer> markers(String text) {
        List<Integer> indexes = new ArrayList<>();
        Matcher marker = Pattern.compile("\\[(\\d+)]").matcher(text);
        while (marker.find()) {
            indexes.add(Integer.parseInt(marker.group(1)));
        }
        return indexes;
    }

    static final class Recorded implements AnswerStream {

        final List<String> tokens = new ArrayList<>();
        int cancelAfter = Integer.MAX_VALUE;

        @Override
        public void token(String text) {
            tokens.add(text);
        }

        @Override
        public boolean cancelled() {
            return tokens.size() >= cancelAfter;
        }
    }
}
