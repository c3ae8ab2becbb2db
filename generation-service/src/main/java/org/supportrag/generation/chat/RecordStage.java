package org.supportrag.generation.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.answer.Answer;
import org.supportrag.generation.conversation.Citation;
import org.supportrag.generation.conversation.ConversationRepository;
import org.supportrag.generation.conversation.StoredAnswer;
import org.supportrag.generation.escalation.Handover;
import org.supportrag.generation.grounding.Groundedness;
import org.supportrag.generation.guardrail.InputVerdict;
import org.supportrag.generation.interactionlog.Interaction;
import org.supportrag.generation.interactionlog.InteractionLog;
import org.supportrag.generation.prompt.ResolvedPrompts;
import org.supportrag.generation.routing.TurnOutcome;
import org.supportrag.generation.texts.CustomerText;
import org.supportrag.generation.texts.CustomerTexts;

/**
 * Stage 8, record: stores the answer, the evidence and any escalation, writes the interaction log and tells the
 * client the turn is {@code done}. Also closes the turns no answerer wrote (an agent handles the conversation, or the
 * input guard refused or escalated).
 */
@Component
@RequiredArgsConstructor
class RecordStage {

    static final String NAME = "record";
    // Flag stored (not shown) when the client left before the answer was complete.
    static final String CLIENT_DISCONNECTED = "client_disconnected";
    // The "model" of turns answered by the guardrails alone (refusals, hand-overs).
    static final String GUARDRAIL_MODEL = "guardrail";

    private static final Logger log = LoggerFactory.getLogger(RecordStage.class);

    private final ConversationRepository conversations;
    private final Handover handover;
    private final InteractionLog interactions;
    private final StageObserver observer;
    private final CustomerTexts texts;

    /** An answered turn, as it is stored. */
    record Answered(String text, List<Citation> citations, List<String> storedFlags) {
    }

    Answered answered(Turn turn, @Nullable ResolvedPrompts resolved, RetrieveStage.Retrieved retrieved,
            List<SearchHit> hits, TurnOutcome routed, Handover.Outcome outcome, Groundedness groundedness,
            String shownText, List<Citation> cited, long startedNanos, ChatEvents events) {
        return observer.observe(NAME, context -> {
            String tenant = turn.caller().tenantId();
            Answer answer = routed.answer();
            List<String> flags = outcome.flags();
            List<String> storedFlags = new ArrayList<>(flags);
            if (events.closed()) {
                storedFlags.add(CLIENT_DISCONNECTED);
            }
            if (retrieved.standaloneQuery() != null) {
                conversations.setStandaloneQuery(tenant, turn.questionId(), retrieved.standaloneQuery());
            }
            conversations.addAnswer(new StoredAnswer(turn.answerId(), turn.conversationId(), tenant, shownText,
                    cited, storedFlags, outcome.confidence(), answer.model(), answer.promptTokens(),
                    answer.completionTokens(), emptyToNull(turn.traceId()),
                    resolved == null ? null : resolved.uses()));
            conversations.setGroundedness(tenant, turn.answerId(), groundedness.total(), groundedness.unsupported());
            handover.record(tenant, turn.conversationId(), turn.answerId(), hits, outcome);
            log.debug("Answered in conversation {} with {} citations, confidence {}, flags {}",
                    turn.conversationId(), cited.size(), outcome.confidence(), flags);
            logInteraction(turn, hits, resolved, answer, shownText, cited, outcome, groundedness, routed,
                    retrieved.millis(), startedNanos);
            events.done(new ChatPayloads.Done(outcome.confidence(), outcome.escalated(), flags, answer.model(),
                    new ChatPayloads.Usage(answer.promptTokens(), answer.completionTokens(), answer.costUsd()),
                    turn.evaluation() == null ? null : ChatPayloads.Evaluation.of(resolved, retrieved.hits())));
            context.items(cited.size()).outcome(outcome.escalated() ? "escalated" : "answered");
            return new Answered(shownText, cited, storedFlags);
        });
    }

    private void logInteraction(Turn turn, List<SearchHit> hits, @Nullable ResolvedPrompts resolved, Answer answer,
            String shownText, List<Citation> cited, Handover.Outcome outcome, Groundedness groundedness,
            TurnOutcome routed, long retrievalMillis, long startedNanos) {
        Map<String, Long> latency = new LinkedHashMap<>();
        latency.put("retrievalMs", retrievalMillis);
        latency.put("firstTokenMs", routed.firstTokenMillis());
        latency.put("generationMs", routed.generationMillis());
        latency.put("totalMs", (System.nanoTime() - startedNanos) / 1_000_000);
        try {
            interactions.record(new Interaction(turn.caller().tenantId(), turn.conversationId(), turn.answerId(),
                    turn.question(), hits, resolved == null ? null : resolved.uses(), answer.model(),
                    routed.attempts(), shownText, cited, outcome.confidence(), outcome.flags(), outcome.escalated(),
                    latency, routed.costUsd(), emptyToNull(turn.traceId()), groundedness.total(),
                    groundedness.unsupported()));
        }
        catch (RuntimeException ex) {
            // The customer's answer is stored already; a lost log row must not turn it into an error.
            log.warn("Interaction log write failed in conversation {}: {}", turn.conversationId(), ex.toString());
        }
    }

    /** A turn in a conversation an agent has claimed: the customer is told the agent will answer. */
    void whileAgentHandles(Turn turn, ChatEvents events) {
        observer.observe(NAME, context -> {
            List<String> flags = List.of(Handover.AGENT_HANDLING);
            String text = texts.forMessage(CustomerText.ESCALATION_WITH_AGENT, turn.caller().tenantId(), turn.question(),
                    turn.language());
            events.token(text);
            conversations.addAnswer(new StoredAnswer(turn.answerId(), turn.conversationId(),
                    turn.caller().tenantId(), text, List.of(), flags, 0, GUARDRAIL_MODEL, 0, 0,
                    emptyToNull(turn.traceId()), null));
            events.done(new ChatPayloads.Done(0, false, flags, GUARDRAIL_MODEL, new ChatPayloads.Usage(0, 0, 0)));
            context.outcome("agent_handles");
            return null;
        });
    }

    /** A turn the input guard answered itself: a polite refusal, or the hand-over to a person. */
    void withoutAnswerer(Turn turn, ChatEvents events, InputVerdict input) {
        observer.observe(NAME, context -> {
            String tenant = turn.caller().tenantId();
            boolean escalate = input.action() == InputVerdict.Action.ESCALATE;
            String text = !escalate ? String.valueOf(input.reply())
                    : texts.forMessage(InputVerdict.CUSTOMER_REQUEST.equals(input.escalationReason())
                            ? CustomerText.ESCALATION_REQUESTED : CustomerText.ESCALATION_HANDED_OVER_ALONE,
                            tenant, turn.question(), turn.language());
            events.token(text);
            conversations.addAnswer(new StoredAnswer(turn.answerId(), turn.conversationId(), tenant, text,
                    List.of(), input.flags(), 0, GUARDRAIL_MODEL, 0, 0, emptyToNull(turn.traceId()), null));
            if (escalate) {
                handover.escalateWithoutAnswer(tenant, turn.conversationId(), turn.answerId(),
                        String.valueOf(input.escalationReason()), input.flags());
            }
            events.done(new ChatPayloads.Done(0, escalate, input.flags(), GUARDRAIL_MODEL,
                    new ChatPayloads.Usage(0, 0, 0)));
            context.outcome(escalate ? "escalated" : "refused");
            return null;
        });
    }

    static @Nullable String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
