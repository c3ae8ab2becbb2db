package org.supportrag.generation.chat;

import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import org.supportrag.generation.answer.AnswerStream;
import org.supportrag.generation.answer.Question;
import org.supportrag.generation.routing.AnswerCheck;
import org.supportrag.generation.routing.ModelChain;
import org.supportrag.generation.routing.TurnContext;
import org.supportrag.generation.routing.TurnOutcome;

/**
 * Stage 5, generate: the routed model chain writes the answer into the stream (budgets, routing, fallbacks, usage);
 * without a model, or when every model fails, the offline {@link org.supportrag.generation.answer.Answerer} answers.
 */
@Component
@RequiredArgsConstructor
class GenerateStage {

    static final String NAME = "generate";

    private final ModelChain models;
    private final StageObserver observer;

    /** Whether the answerer writes from prompt templates (an LLM is configured). */
    boolean usesPrompts() {
        return models.usesPrompts();
    }

    /** Whether {@code name} is a configured model (an evaluation call may ask for it). */
    boolean knowsModel(String name) {
        return models.knowsModel(name);
    }

    /** @param check what each model's answer must pass before it is shown ({@link AnswerCheck#NONE}: streams) */
    TurnOutcome generate(Turn turn, Question question, AnswerStream stream, AnswerCheck check) {
        return observer.observe(NAME, context -> {
            TurnOutcome routed = models.answer(
                    new TurnContext(turn.caller().tenantId(), turn.conversationId(), turn.answerId(),
                            turn.evaluation() == null ? null : turn.evaluation().model(), turn.language()), question,
                    stream, check);
            context.items(routed.attempts().size()).outcome(routed.escalate() ? "escalate" : "success");
            return routed;
        });
    }
}
