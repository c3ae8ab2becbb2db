package org.supportrag.generation.guardrail;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.supportrag.generation.answer.Question;

/**
 * What the input guardrails decided about a customer's message.
 *
 * @param question the message as it may go on (personal data replaced)
 * @param history earlier messages, redacted likewise
 * @param flags signals raised, see {@link GuardrailFlags}
 * @param action answer it, refuse politely ({@code reply}) or escalate to a person
 * @param reply the polite refusal, for {@link Action#REFUSE}
 * @param escalationReason why it escalates ({@code customer_request}, {@code guardrail}), for
 *                         {@link Action#ESCALATE}
 * @param policy the tenant's policy, for the rest of the turn
 */
public record InputVerdict(String question, List<Question.PriorMessage> history, List<String> flags, Action action,
        @Nullable String reply, @Nullable String escalationReason, TenantPolicy policy) {

    public enum Action {
        ANSWER, REFUSE, ESCALATE
    }

    public static final String CUSTOMER_REQUEST = "customer_request";
    public static final String GUARDRAIL = "guardrail";

    public InputVerdict {
        history = List.copyOf(history);
        flags = List.copyOf(flags);
    }
}
