package org.supportrag.eval.answers;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaseScorerTests {

    private static final AnswerCase REFUNDS = AnswerCase.of("a1", CaseType.ANSWERABLE,
            List.of("How long do refunds take?"), List.of("10 (business )?days", "original payment"),
            List.of("help-center/refunds-and-cancellations.md"), null);

    @Test
    void anAnswerIsCorrectWhenEveryFactMatchesCaseInsensitivelyAndItIsNotEscalated() {
        String answer = "Refunds go to the ORIGINAL PAYMENT method within 10 Business Days [1].";

        CaseResult result = CaseScorer.score(REFUNDS, answer(answer, 0.9, false, citation(1, "Refunds",
                "https://help.example.com/help-center/refunds-and-cancellations.md#timing")));

        assertThat(result.answerCorrect()).isTrue();
        assertThat(result.citationCorrect()).isTrue();
        assertThat(result.wronglyEscalated()).isFalse();
        assertThat(result.unanswerableHandled()).isNull();
        assertThat(result.falseHandover()).isNull();
        assertThat(result.missingFacts()).isEmpty();
    }

    @Test
    void aMissingFactOrAnEscalationMakesTheAnswerIncorrect() {
        CaseResult missing = CaseScorer.score(REFUNDS, answer("Refunds take 10 days [1].", 0.9, false,
                citation(1, "Refunds", "help-center/refunds-and-cancellations.md")));
        CaseResult escalated = CaseScorer.score(REFUNDS, answer("Original payment, 10 days.", 0.9, true));

        assertThat(missing.answerCorrect()).isFalse();
        assertThat(missing.missingFacts()).containsExactly("original payment");
        assertThat(escalated.answerCorrect()).isFalse();
        assertThat(escalated.wronglyEscalated()).isTrue();
        assertThat(escalated.citationCorrect()).isFalse();
    }

    @Test
    void aCitationIsCorrectByItsUrlWithOrWithoutFragmentOrByATitleNamingTheSource() {
        List<String> sources = List.of("help-center/webhooks.md", "tickets/2024.jsonl#T-17");

        assertThat(CaseScorer.namesASource(citation(1, "Webhooks", "help-center/webhooks.md"), sources)).isTrue();
        assertThat(CaseScorer.namesASource(citation(1, "Webhooks", "help-center/webhooks.md#retries"), sources))
            .isTrue();
        assertThat(CaseScorer.namesASource(citation(1, "Webhooks", "file:///srv/kb/help-center/webhooks.md"),
                sources)).isTrue();
        assertThat(CaseScorer.namesASource(citation(1, "help-center/webhooks.md", null), sources)).isTrue();
        assertThat(CaseScorer.namesASource(citation(1, "Ticket", "tickets/2024.jsonl#T-17"), sources)).isTrue();
        assertThat(CaseScorer.namesASource(citation(1, "Ticket", "tickets/2024.jsonl#T-18"), sources)).isFalse();
        assertThat(CaseScorer.namesASource(citation(1, "Webhooks", "other/help-center/webhooks.mdx"), sources))
            .isFalse();
        assertThat(CaseScorer.namesASource(citation(1, "Webhook guide", "my-help-center/webhooks.md"), sources))
            .isFalse();
    }

    @Test
    void anUnanswerableCaseIsHandledByEscalatingOrByDecliningWithLowConfidenceInEnglishOrGerman() {
        AnswerCase mars = AnswerCase.of("u1", CaseType.UNANSWERABLE, List.of("Do you ship to Mars?"), List.of(),
                List.of(), null);

        assertThat(CaseScorer.score(mars, answer("Let me connect you.", 0.9, true)).unanswerableHandled()).isTrue();
        assertThat(CaseScorer.score(mars, answer("I'm sorry, I don't know that.", 0.3, false))
            .unanswerableHandled()).isTrue();
        assertThat(CaseScorer.score(mars, answer("Our help center does not cover this; please contact support.",
                0.2, false)).unanswerableHandled()).isTrue();
        assertThat(CaseScorer.score(mars, answer("Dazu habe ich leider keine Informationen.", 0.4, false))
            .unanswerableHandled()).isTrue();
        assertThat(CaseScorer.score(mars, answer("Das weiß ich leider nicht.", 0.1, false)).unanswerableHandled())
            .isTrue();
        // Confident, or not saying so: not a decline.
        assertThat(CaseScorer.score(mars, answer("I don't know.", 0.5, false)).unanswerableHandled()).isFalse();
        assertThat(CaseScorer.score(mars, answer("We ship to Mars in 3 days.", 0.1, false)).unanswerableHandled())
            .isFalse();
        assertThat(CaseScorer.score(mars, answer("I don't know.", 0.3, false)).answerCorrect()).isNull();
    }

    @Test
    void aNoHandoverCaseMustNotBeEscalated() {
        AnswerCase colleague = AnswerCase.of("n1", CaseType.NO_HANDOVER,
                List.of("My colleague set up webhooks, how do retries work?"), List.of(), List.of(), null);

        assertThat(CaseScorer.score(colleague, answer("Retries happen 5 times.", 0.9, true)).falseHandover()).isTrue();
        assertThat(CaseScorer.score(colleague, answer("Retries happen 5 times.", 0.9, false)).falseHandover())
            .isFalse();
    }

    @Test
    void countsEachDistinctMarkerWithoutItsCitation() {
        String answer = "A [1]. B [2][3]. C [2]. D [10].";

        assertThat(CaseScorer.dangling(answer, List.of(citation(1, "x", null), citation(3, "y", null))))
            .containsExactly(2, 10);
        assertThat(CaseScorer.score(REFUNDS, answer(answer, 0.9, false, citation(1, "x", null))).danglingCitations())
            .isEqualTo(3);
    }

    @Test
    void aFailedTurnIsIncorrectAndNotScoredForFaithfulness() {
        CaseResult result = CaseScorer.score(REFUNDS, Observation.failed("Service Unavailable", 12));

        assertThat(result.answerCorrect()).isFalse();
        assertThat(result.citationCorrect()).isFalse();
        assertThat(result.faithfulness()).isNull();
        assertThat(result.error()).isEqualTo("Service Unavailable");
    }

    @Test
    void sourcesAreRetrievedWhenARetrievedChunkNamesAnAcceptableSourceAndUnknownWithoutTheRetrievedChunks() {
        String text = "Refunds go to the original payment method within 10 days.";
        CaseResult found = CaseScorer.score(REFUNDS, new Observation(text, List.of(), 0.9, false, List.of(), 100, 0, 0,
                0, "m", null, List.of(citation(1, "Shipping", "help-center/shipping.md"),
                        citation(2, "Refunds", "https://kb/help-center/refunds-and-cancellations.md#timing"))));
        CaseResult missed = CaseScorer.score(REFUNDS, new Observation(text, List.of(), 0.9, false, List.of(), 100, 0,
                0, 0, "m", null, List.of(citation(1, "Shipping", "help-center/shipping.md"))));
        CaseResult unknown = CaseScorer.score(REFUNDS, answer(text, 0.9, false));

        assertThat(found.sourcesRetrieved()).isTrue();
        assertThat(missed.sourcesRetrieved()).isFalse();
        assertThat(unknown.sourcesRetrieved()).isNull();
        assertThat(unknown.toMap()).doesNotContainKey("sources_retrieved");
        assertThat(AnswerMetrics.of("d", List.of(found, missed, unknown)).toMap()).containsEntry("sources_retrieved",
                0.5);
    }

    static AnswerCitation citation(int index, String title, @Nullable String url) {
        return new AnswerCitation(index, null, null, title, url, "");
    }

    static Observation answer(String text, double confidence, boolean escalated, AnswerCitation... citations) {
        return new Observation(text, List.of(citations), confidence, escalated, List.of(), 100, 10, 5, 0.001, "m",
                null);
    }
}
