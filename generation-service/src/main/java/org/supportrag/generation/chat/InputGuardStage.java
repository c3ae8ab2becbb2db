package org.supportrag.generation.chat;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import org.supportrag.generation.escalation.Handover;
import org.supportrag.generation.guardrail.Guardrails;
import org.supportrag.generation.guardrail.InputVerdict;

/**
 * Stage 1, input guard: decides whether the assistant answers the turn at all. A conversation an agent has claimed
 * is theirs; otherwise the input guardrails redact personal data and answer, refuse or escalate (a request for a
 * person, an injection, abuse...).
 */
@Component
@RequiredArgsConstructor
class InputGuardStage {

    static final String NAME = "input_guard";

    private final Handover handover;
    private final Guardrails guardrails;
    private final StageObserver observer;

    /** The guard's decision; {@code verdict} is null when an agent handles the conversation. */
    record Guarded(@Nullable InputVerdict verdict) {

        boolean agentHandles() {
            return verdict == null;
        }
    }

    Guarded check(Turn turn) {
        return observer.observe(NAME, context -> {
            String tenant = turn.caller().tenantId();
            // A person has taken the conversation over: the assistant stays out of it until they resolve it.
            if (handover.agentHandles(tenant, turn.conversationId())) {
                context.outcome("agent_handles");
                return new Guarded(null);
            }
            InputVerdict verdict = guardrails.checkInput(tenant, turn.question(), turn.history(), turn.language());
            context.outcome(verdict.action().name().toLowerCase(java.util.Locale.ROOT)).items(verdict.flags().size());
            return new Guarded(verdict);
        });
    }
}
