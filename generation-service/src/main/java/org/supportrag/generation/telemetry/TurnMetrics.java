package org.supportrag.generation.telemetry;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.telemetry.TenantTags;
import org.supportrag.generation.escalation.EscalationReasons;
import org.supportrag.generation.grounding.GroundingCheck;
import org.supportrag.generation.interactionlog.Interaction;

/**
 * What the ops dashboards and alerts read about chat turns, recorded where a turn is complete (the interaction
 * log) and where escalations change. Labels are tenant (bounded by {@link TenantTags}), model (configured names),
 * and small fixed sets (outcome, reason, flag); never a user, conversation, message or question.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class TurnMetrics {

    public static final String TURNS = "rag.chat.turns";
    public static final String TTFT = "rag.chat.time_to_first_token";
    public static final String TURN_DURATION = "rag.chat.turn.duration";
    public static final String CONFIDENCE = "rag.chat.confidence";
    public static final String GROUNDEDNESS = "rag.chat.groundedness";
    public static final String UNSUPPORTED_CLAIMS = "rag.chat.unsupported_claims";
    public static final String FLAGS = "rag.chat.flags";
    public static final String CACHE_HITS = "rag.chat.cache.hits";
    public static final String DECLINES = "rag.chat.declines";
    public static final String MODEL_ATTEMPTS = "rag.chat.model.attempts";
    public static final String ESCALATIONS = "rag.chat.escalations";
    public static final String HANDOVERS = "rag.chat.handovers";
    public static final String RESOLVED = "rag.chat.conversations.resolved";
    public static final String CONVERSATIONS = "rag.chat.conversations";

    /** Flags with their own label value; anything else counts as {@code other}. */
    static final Set<String> KNOWN_FLAGS = Set.of("prompt_injection", "pii_redacted", "off_topic", "abuse",
            "banned_topic", "system_prompt_leak", "invalid_citation", "moderation_flagged", "moderation_unavailable",
            "low_confidence", "llm_fallback", "llm_interrupted", "cache_hit", "crm_unavailable",
            GroundingCheck.UNSUPPORTED_CLAIM, "budget_exhausted", "agent_handling", "client_disconnected", "caveat");
    static final Set<String> KNOWN_REASONS = Set.of(EscalationReasons.LOW_CONFIDENCE,
            EscalationReasons.CUSTOMER_REQUEST, EscalationReasons.GUARDRAIL, EscalationReasons.ALL_MODELS_FAILED,
            EscalationReasons.UNSUPPORTED_CLAIM, "agent", "negative_feedback");
    static final Set<String> KNOWN_ATTEMPTS = Set.of("ok", "failed", "interrupted", "circuit_open", "bulkhead_full",
            "not_covered", "budget_exhausted", "timeout");
    /** The reasons the hand-over gives today (registered per tenant so their rates start at zero). */
    static final List<String> ESCALATION_REASONS = List.of(EscalationReasons.LOW_CONFIDENCE,
            EscalationReasons.CUSTOMER_REQUEST, EscalationReasons.GUARDRAIL, EscalationReasons.ALL_MODELS_FAILED,
            EscalationReasons.UNSUPPORTED_CLAIM);
    static final String CACHE_HIT = "cache_hit";
    static final String LOW_CONFIDENCE = "low_confidence";
    private static final double DECLINE_BELOW = 0.5;
    private static final int RESOLVED_MEMORY = 100_000;

    private final MeterRegistry meters;
    private final TenantTags tenants;
    /** Conversations already counted as resolved by the assistant in this process (bounded, oldest forgotten). */
    private final Set<UUID> resolved = recentIds();
    /** Conversations already counted as started in this process (bounded, oldest forgotten). */
    private final Set<UUID> started = recentIds();

    /** An answered turn, as the interaction log stores and publishes it. */
    @EventListener
    public void turn(Interaction turn) {
        String tenant = tenants.of(turn.tenantId());
        boolean cacheHit = turn.flags().contains(CACHE_HIT);
        boolean declined = !turn.escalated() && !cacheHit
                && (turn.flags().contains(LOW_CONFIDENCE) || turn.confidence() < DECLINE_BELOW);
        String outcome = turn.escalated() ? "escalated" : cacheHit ? "cache_hit" : declined ? "declined" : "answered";
        Counter.builder(TURNS)
            .description("Answered chat turns by outcome")
            .tags(TenantTags.TAG, tenant, "model", turn.model(), "outcome", outcome)
            .register(meters)
            .increment();
        latency(TTFT, "Time from the customer's message to the first answer token", tenant,
                turn.latencyMillis().get("firstTokenMs"), 100, 250, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000);
        latency(TURN_DURATION, "Time from the customer's message to the end of the answer", tenant,
                turn.latencyMillis().get("totalMs"), 250, 500, 1000, 2000, 3000, 5000, 10000, 20000, 30000, 60000);
        fraction(CONFIDENCE, "Confidence of answered turns (0..1)", tenant, turn.confidence());
        if (turn.groundedness() != null) {
            fraction(GROUNDEDNESS, "Share of the answer its cited chunks support (0..1)", tenant, turn.groundedness());
        }
        Counter unsupported = Counter.builder(UNSUPPORTED_CLAIMS)
            .description("Answer claims no cited chunk supports")
            .tags(TenantTags.TAG, tenant)
            .register(meters);
        if (turn.unsupportedClaims() != null && turn.unsupportedClaims() > 0) {
            unsupported.increment(turn.unsupportedClaims());
        }
        for (String flag : Set.copyOf(turn.flags())) {
            Counter.builder(FLAGS)
                .description("Guardrail and answering signals raised on turns")
                .tags(TenantTags.TAG, tenant, "flag", KNOWN_FLAGS.contains(flag) ? flag : "other")
                .register(meters)
                .increment();
        }
        // Registered on every turn, so a rate of zero reads as zero rather than as missing data.
        Counter hits = Counter.builder(CACHE_HITS).description("Turns answered from the semantic answer cache")
            .tags(TenantTags.TAG, tenant).register(meters);
        Counter declines = Counter.builder(DECLINES)
            .description("Turns the assistant answered without enough evidence (confidence below 0.5)")
            .tags(TenantTags.TAG, tenant, "reason", LOW_CONFIDENCE).register(meters);
        if (cacheHit) {
            hits.increment();
        }
        if (declined) {
            declines.increment();
        }
        // Escalations by reason and hand-overs read as zero (not as missing data) from a tenant's first turn on.
        for (String reason : ESCALATION_REASONS) {
            escalations(tenant, reason);
        }
        handovers(tenant);
        if (started.add(turn.conversationId())) {
            Counter.builder(CONVERSATIONS).description("Conversations with a first answered turn in this process")
                .tags(TenantTags.TAG, tenant).register(meters).increment();
        }
        for (String attempt : turn.attempts()) {
            int colon = attempt.lastIndexOf(':');
            String model = colon < 0 ? attempt : attempt.substring(0, colon);
            String result = colon < 0 ? "ok" : attempt.substring(colon + 1);
            Counter.builder(MODEL_ATTEMPTS)
                .description("Model chain attempts by model and result (fallbacks, open circuits)")
                .tags(TenantTags.TAG, tenant, "model", model, "result",
                        KNOWN_ATTEMPTS.contains(result) ? result : "other")
                .register(meters)
                .increment();
        }
        if (!turn.escalated() && !declined && resolved.add(turn.conversationId())) {
            resolved(tenant, "assistant");
        }
    }

    /**
     * An escalation changed: {@code open} counts its reasons, {@code assigned} is a hand-over to a person,
     * {@code resolved} a conversation an agent resolved.
     */
    public void escalation(String tenantId, String status, List<String> reasons) {
        String tenant = tenants.of(tenantId);
        switch (status) {
            case "open" -> {
                for (String reason : reasons.isEmpty() ? List.of("other") : reasons) {
                    escalations(tenant, KNOWN_REASONS.contains(reason) ? reason : "other").increment();
                }
            }
            case "assigned" -> handovers(tenant).increment();
            case "resolved" -> resolved(tenant, "agent");
            default -> {
                // Other states are not counted.
            }
        }
    }

    private Counter escalations(String tenant, String reason) {
        return Counter.builder(ESCALATIONS).description("Escalations to a person by reason")
            .tags(TenantTags.TAG, tenant, "reason", reason)
            .register(meters);
    }

    private Counter handovers(String tenant) {
        return Counter.builder(HANDOVERS).description("Escalations an agent took over")
            .tags(TenantTags.TAG, tenant).register(meters);
    }

    private void resolved(String tenant, String by) {
        Counter.builder(RESOLVED)
            .description("Conversations resolved, by the assistant (first answered turn) or by an agent")
            .tags(TenantTags.TAG, tenant, "by", by)
            .register(meters)
            .increment();
    }

    /** Records a latency against its SLO buckets (milliseconds); absent or negative means it was not measured. */
    private void latency(String name, String description, String tenant, @Nullable Long millis, long... slos) {
        if (millis == null || millis < 0) {
            return;
        }
        Timer.builder(name)
            .description(description)
            .tags(TenantTags.TAG, tenant)
            .serviceLevelObjectives(LongStream.of(slos).mapToObj(Duration::ofMillis).toArray(Duration[]::new))
            .register(meters)
            .record(Duration.ofMillis(millis));
    }

    private void fraction(String name, String description, String tenant, double value) {
        DistributionSummary.builder(name)
            .description(description)
            .tags(TenantTags.TAG, tenant)
            .serviceLevelObjectives(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
            .register(meters)
            .record(Math.max(0, Math.min(1, value)));
    }

    private static Set<UUID> recentIds() {
        return Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                return size() > RESOLVED_MEMORY;
            }
        }));
    }

}
