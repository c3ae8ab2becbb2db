package org.supportrag.generation.telemetry;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.supportrag.defaults.telemetry.TelemetryProperties;
import org.supportrag.defaults.telemetry.TenantTags;
import org.supportrag.generation.interactionlog.Interaction;

import static org.assertj.core.api.Assertions.assertThat;

class TurnMetricsTests {

    final MeterRegistry meters = new SimpleMeterRegistry();
    final TurnMetrics metrics = new TurnMetrics(meters, new TenantTags(new TelemetryProperties(List.of("demo"), 50)));

    @Test
    void countsATurnWithItsLatenciesConfidenceFlagsAndModelAttemptsUnderBoundedLabels() {
        UUID conversation = UUID.randomUUID();
        metrics.turn(turn("demo", conversation, 0.82, List.of("pii_redacted", "unsupported_claim", "some_new_flag"), false,
                List.of("primary:failed", "primary:ok"), 20, 2));

        assertThat(meters.get(TurnMetrics.TURNS).tags("tenant", "demo", "model", "stub-model", "outcome", "answered")
            .counter().count()).isEqualTo(1);
        assertThat(meters.get(TurnMetrics.TTFT).tag("tenant", "demo").timer().count()).isEqualTo(1);
        assertThat(meters.get(TurnMetrics.TURN_DURATION).tag("tenant", "demo").timer().count()).isEqualTo(1);
        assertThat(meters.get(TurnMetrics.CONFIDENCE).summary().mean()).isEqualTo(0.82);
        assertThat(meters.get(TurnMetrics.GROUNDEDNESS).summary().mean()).isEqualTo(0.9);
        assertThat(meters.get(TurnMetrics.UNSUPPORTED_CLAIMS).counter().count()).isEqualTo(2);
        assertThat(meters.get(TurnMetrics.FLAGS).tag("flag", "pii_redacted").counter().count()).isEqualTo(1);
        assertThat(meters.get(TurnMetrics.FLAGS).tag("flag", "unsupported_claim").counter().count())
            .as("the grounding check's flag keeps its name").isEqualTo(1);
        assertThat(meters.get(TurnMetrics.FLAGS).tag("flag", "other").counter().count())
            .as("an unknown flag is folded").isEqualTo(1);
        assertThat(meters.get(TurnMetrics.MODEL_ATTEMPTS).tags("model", "primary", "result", "failed").counter().count())
            .isEqualTo(1);
        assertThat(meters.get(TurnMetrics.MODEL_ATTEMPTS).tags("model", "primary", "result", "ok").counter().count())
            .isEqualTo(1);
        assertThat(meters.get(TurnMetrics.CACHE_HITS).counter().count()).as("registered, zero").isZero();
        assertThat(meters.get(TurnMetrics.DECLINES).counter().count()).isZero();
        assertThat(meters.get(TurnMetrics.RESOLVED).tag("by", "assistant").counter().count()).isEqualTo(1);
        assertThat(meters.get(TurnMetrics.CONVERSATIONS).counter().count()).isEqualTo(1);
        assertThat(meters.get(TurnMetrics.HANDOVERS).counter().count()).as("registered, zero").isZero();

        metrics.turn(turn("demo", conversation, 0.7, List.of(), false, List.of("primary:ok"), null, null));
        assertThat(meters.get(TurnMetrics.RESOLVED).tag("by", "assistant").counter().count())
            .as("a conversation resolves once").isEqualTo(1);
        assertThat(meters.get(TurnMetrics.CONVERSATIONS).counter().count()).isEqualTo(1);
    }

    @Test
    void countsDeclinesCacheHitsAndFoldsUnknownTenants() {
        metrics.turn(turn("acme", UUID.randomUUID(), 0.3, List.of("low_confidence"), false, List.of("primary:ok"),
                null, null));
        metrics.turn(turn("demo", UUID.randomUUID(), 0.9, List.of("cache_hit"), false, List.of(), null, null));

        assertThat(meters.get(TurnMetrics.DECLINES).tags("tenant", "other", "reason", "low_confidence").counter()
            .count()).isEqualTo(1);
        assertThat(meters.get(TurnMetrics.TURNS).tags("tenant", "other", "outcome", "declined").counter().count())
            .isEqualTo(1);
        assertThat(meters.get(TurnMetrics.CACHE_HITS).tag("tenant", "demo").counter().count()).isEqualTo(1);
        assertThat(meters.get(TurnMetrics.TURNS).tags("tenant", "demo", "outcome", "cache_hit").counter().count())
            .isEqualTo(1);
        assertThat(meters.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags())
            .noneMatch(tag -> tag.getKey().contains("conversation") || tag.getKey().contains("message")
                    || tag.getKey().contains("user") || tag.getKey().contains("question")));
    }

    @Test
    void countsEscalationsByReasonHandoversAndResolutionsByAgents() {
        metrics.escalation("demo", "open", List.of("low_confidence", "customer_request"));
        metrics.escalation("demo", "open", List.of("made_up"));
        metrics.escalation("demo", "open", List.of("unsupported_claim"));
        metrics.escalation("demo", "assigned", List.of("low_confidence"));
        metrics.escalation("demo", "resolved", List.of("low_confidence"));

        assertThat(meters.get(TurnMetrics.ESCALATIONS).tag("reason", "low_confidence").counter().count()).isEqualTo(1);
        assertThat(meters.get(TurnMetrics.ESCALATIONS).tag("reason", "customer_request").counter().count())
            .isEqualTo(1);
        assertThat(meters.get(TurnMetrics.ESCALATIONS).tag("reason", "other").counter().count()).isEqualTo(1);
        assertThat(meters.get(TurnMetrics.ESCALATIONS).tag("reason", "unsupported_claim").counter().count())
            .as("the grounding check's escalation reason keeps its name").isEqualTo(1);
        assertThat(meters.get(TurnMetrics.HANDOVERS).counter().count()).isEqualTo(1);
        assertThat(meters.get(TurnMetrics.RESOLVED).tag("by", "agent").counter().count()).isEqualTo(1);
    }

    private static Interaction turn(String tenant, UUID conversation, double confidence, List<String> flags,
            boolean escalated, List<String> attempts, Integer claims, Integer unsupported) {
        return new Interaction(tenant, conversation, UUID.randomUUID(), "a question", List.of(), null, "stub-model",
                attempts, "an answer", List.of(), confidence, flags, escalated,
                Map.of("firstTokenMs", 120L, "totalMs", 900L), BigDecimal.ZERO, null, claims, unsupported);
    }
}
