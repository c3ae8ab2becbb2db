package org.supportrag.generation.usage;

import java.math.BigDecimal;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.telemetry.TenantTags;

/**
 * Model call and usage metrics. Per call, under the OpenTelemetry GenAI semantic conventions:
 * {@code gen_ai.client.operation.duration} with the model chain's outcome (token usage per call is Spring AI's
 * {@code gen_ai.client.token.usage}, recorded by its chat-model observation). Per tenant, from the usage ledger:
 * {@code rag.usage.tokens} and {@code rag.usage.cost} by operation ({@code chat}, {@code embedding},
 * {@code rerank}) and model, and {@code rag.usage.cache.saved}. Tags are bounded: model names come from
 * configuration, tenants from {@link TenantTags}.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class GenAiMetrics {

    public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";
    public static final String TOKENS = "rag.usage.tokens";
    public static final String COST = "rag.usage.cost";
    public static final String SAVED = "rag.usage.cache.saved";

    private final MeterRegistry registry;
    private final TenantTags tenants;

    /** One chat call (attempt), successful or not. */
    public void chatCall(String system, String requestModel, Duration duration, int inputTokens, int outputTokens,
            String outcome) {
        Timer.builder(OPERATION_DURATION)
            .description("GenAI operation duration")
            .tags("gen_ai.operation.name", "chat", "gen_ai.system", system, "gen_ai.request.model", requestModel,
                    "outcome", outcome)
            .serviceLevelObjectives(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                    Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30))
            .register(registry)
            .record(duration);
    }

    /** A billable item of a tenant's turn: tokens by type and the money spent. */
    void usage(String tenantId, UsageItem item) {
        String tenant = tenants.of(tenantId);
        String operation = item.operation().value();
        tokens(tenant, operation, item.requestModel(), "input", item.promptTokens());
        tokens(tenant, operation, item.requestModel(), "output", item.completionTokens());
        Counter.builder(COST)
            .description("USD spent on model operations")
            .baseUnit("usd")
            .tags(TenantTags.TAG, tenant, "operation", operation, "model", item.requestModel())
            .register(registry)
            .increment(item.costUsd().doubleValue());
    }

    private void tokens(String tenant, String operation, String model, String type, int count) {
        Counter.builder(TOKENS)
            .description("Tokens used by model operations")
            .baseUnit("tokens")
            .tags(TenantTags.TAG, tenant, "operation", operation, "model", model, "type", type)
            .register(registry)
            .increment(Math.max(0, count));
    }

    /** Money a cache hit saved. */
    void saved(String tenantId, String requestModel, BigDecimal usd) {
        Counter.builder(SAVED)
            .description("USD a cached answer saved")
            .baseUnit("usd")
            .tags(TenantTags.TAG, tenants.of(tenantId), "model", requestModel)
            .register(registry)
            .increment(usd.doubleValue());
    }
}
