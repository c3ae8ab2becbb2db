package org.supportrag.generation.chat;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.answer.AnswerStream;
import org.supportrag.generation.answer.Question;
import org.supportrag.generation.guardrail.Guardrails;
import org.supportrag.generation.guardrail.InputVerdict;
import org.supportrag.generation.guardrail.OutputFilter;
import org.supportrag.generation.prompt.ResolvedPrompts;

/**
 * Stage 6, validate: the output guardrails sit between the answerer and the customer while the answer streams
 * ({@link #open}); once it is written, whatever is held back is checked and released ({@link #validate}).
 */
@Component
class ValidateStage {

    static final String NAME = "validate";

    private final Guardrails guardrails;
    private final StageObserver observer;

    ValidateStage(Guardrails guardrails, StageObserver observer) {
        this.guardrails = guardrails;
        this.observer = observer;
    }

    /** What validation found. */
    record Validation(List<String> flags) {
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
                return events.closed();
            }
        });
    }

    Validation validate(OutputFilter output) {
        return observer.observe(NAME, context -> {
            output.finish();
            List<String> flags = output.flags();
            context.items(flags.size()).outcome(output.blockedBy() != null ? "blocked" : "success");
            return new Validation(flags);
        });
    }
}
