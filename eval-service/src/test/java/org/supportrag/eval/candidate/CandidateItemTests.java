package org.supportrag.eval.candidate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.supportrag.eval.answers.AnswerCase;
import org.supportrag.eval.answers.CaseType;

import static org.assertj.core.api.Assertions.assertThat;

class CandidateItemTests {

    static Candidate candidate(String signal, List<String> turns, String reference) {
        return new Candidate(UUID.randomUUID(), "label", signal, UUID.randomUUID(), UUID.randomUUID(), "help", turns,
                "the answer", reference,
                List.of(Map.of("title", "Refunds", "url", "help-center/refunds.md#gift-cards"),
                        Map.of("title", "Ticket", "url", "tickets/export.json#T-17"), Map.of("title", "No url")),
                null, "agent", Candidate.PENDING, null, null, null, null, null, Instant.now());
    }

    static final CandidateService.Acceptance PLAIN = new CandidateService.Acceptance("d", null, null, null, null);

    @Test
    void aCorrectAnswerIsAnAnswerableCaseWhoseCitedDocumentsAreItsSources() {
        AnswerCase item = CandidateService.item(candidate("correct", List.of("Q?"), "the answer"), PLAIN, null);
        assertThat(item.type()).isEqualTo(CaseType.ANSWERABLE);
        assertThat(item.reference()).isEqualTo("the answer");
        // Help-center paths without their fragment, ticket ids kept, a title where there is no url.
        assertThat(item.sources()).containsExactly("help-center/refunds.md", "tickets/export.json#T-17", "No url");
        assertThat(item.knowledgeBase()).isEqualTo("help");
        assertThat(item.metadata()).containsEntry("signal", "correct").containsKey("messageId");
    }

    @Test
    void missingKnowledgeIsUnanswerableAndSeveralTurnsAreMultiturnWithoutTheWrongAnswersSources() {
        assertThat(CandidateService.item(candidate("missing_knowledge", List.of("Q?"), null), PLAIN, null).type())
            .isEqualTo(CaseType.UNANSWERABLE);
        AnswerCase wrong = CandidateService.item(candidate("incorrect", List.of("Hi", "Q?"), "fixed"), PLAIN, null);
        assertThat(wrong.type()).isEqualTo(CaseType.MULTITURN);
        assertThat(wrong.sources()).isEmpty();
        assertThat(wrong.reference()).isEqualTo("fixed");
    }

    @Test
    void theAdminsChoicesWin() {
        CandidateService.Acceptance chosen = new CandidateService.Acceptance("d", "no_handover", "better",
                List.of("30 days"), List.of("help-center/returns.md"));
        AnswerCase item = CandidateService.item(candidate("incorrect", List.of("Q?"), "fixed"), chosen,
                CaseType.NO_HANDOVER);
        assertThat(item.type()).isEqualTo(CaseType.NO_HANDOVER);
        assertThat(item.reference()).isEqualTo("better");
        assertThat(item.facts()).containsExactly("30 days");
        assertThat(item.sources()).containsExactly("help-center/returns.md");
    }
}
