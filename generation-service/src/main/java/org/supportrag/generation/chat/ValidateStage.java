package org.supportrag.generation.chat;

import java.util.ArrayList;
import java.util.List;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.answer.AnswerStream;
import org.supportrag.generation.answer.Question;
import org.supportrag.generation.escalation.Handover;
import org.supportrag.generation.grounding.Groundedness;
import org.supportrag.generation.grounding.GroundingCheck;
import org.supportrag.generation.grounding.GroundingProperties;
import org.supportrag.generation.guardrail.Guardrails;
import org.supportrag.generation.guardrail.InputVerdict;
import org.supportrag.generation.guardrail.OutputFilter;
import org.supportrag.generation.prompt.ResolvedPrompts;
import org.supportrag.generation.routing.AnswerCheck;

/**
 * Stage 6, validate: the output guardrails sit between the answerer and the customer while the answer streams
 * ({@link #open}); once it is written, whatever is held back is checked and released, and every sentence is checked
 * against the chunk it cites ({@link #validate}). An unsupported claim is flagged, and escalates when the tenant's
 * policy says so (or when the chain had to find a supported answer and none was).
 */
@Component
@RequiredArgsConstructor
class ValidateStage {

    static final String NAME = "validate";

    private final Guardrails guardrails;
    private final GroundingCheck grounding;
    private final StageObserver observer;

    /**
     * What validation found.
     *
     * @param flags output guardrail and groundedness flags, and the escalation signal when the policy asks for it
     */
    record Validation(List<String> flags, Groundedness groundedness) {
    }

    /**
     * The check the model chain applies to each model's answer before the customer sees it: under the tenant policy
     * {@code next-model}, every claim must be supported; otherwise none (answers stream).
     */
    AnswerCheck chainCheck(String tenantId) {
        if (grounding.policy(tenantId) != GroundingProperties.OnUnsupported.NEXT_MODEL) {
            return AnswerCheck.NONE;
        }
        return (answer, question) -> grounding.check(answer.text(), question).unsupported() == 0;
    }

    /**
     * The stream the answerer writes to: checked text goes on to {@code events}, citations as they complete. The
     * customer's own messages and CRM data tell the output guard which identifiers are the customer's.
     */
    OutputFilter open(Turn turn, InputVerdict input, List<SearchHit> hits, AugmentStage.Augmented augmented,
            @Nullable ResolvedPrompts resolved, ChatEvents events, CitationTracker citations) {
        // As the customer wrote them: the input guard's redaction would hide their own numbers from the check.
        List<String> own = new ArrayList<>(augmented.customer().background());
        own.add(turn.question());
        turn.history().stream().filter(Question.PriorMessage::fromCustomer).forEach(prior -> own.add(prior.content()));
        return guardrails.output(input.policy(), hits, augmented.pastCases(), own, resolved, new AnswerStream() {
            @Override
            public void token(String text) {
                events.token(text);
                citations.accept(text).forEach(events::citation);
            }

            @Override
            public boolean cancelled() {
                return events.cancelled();
            }
        });
    }

    Validation validate(String tenantId, OutputFilter output, Question question) {
        return observer.observe(NAME, context -> {
            output.finish();
            List<String> flags = new ArrayList<>(output.flags());
            Groundedness groundedness = grounding.check(output.text(), question);
            if (groundedness.unsupported() > 0) {
                flags.add(GroundingCheck.UNSUPPORTED_CLAIM);
                if (grounding.policy(tenantId) != GroundingProperties.OnUnsupported.FLAG) {
                    flags.add(Handover.UNSUPPORTED_SIGNAL);
                }
            }
            context.items(groundedness.total()).outcome(output.blockedBy() != null ? "blocked"
                    : groundedness.unsupported() > 0 ? "unsupported" : "success");
            return new Validation(flags, groundedness);
        });
    }
}
