package org.supportrag.generation.usage;

import java.math.BigDecimal;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Model call metrics under the OpenTelemetry GenAI semantic conventions ({@code gen_ai.client.token.usage},
 * {@code gen_ai.client.operation.duration}) plus cost counters. Tags are bounded: model names come from
 * configuration, never from requests.
 */
@Component
public class GenAiMetrics {

    public static final String TOKEN_USAGE = "gen_ai.client.token.usage";
    public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";
    public static final String COST = "supportrag.generation.cost";
    public static final String SAVED = "supportrag.generation.cache.saved";

    private final MeterRegistry registry;

    GenAiMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One chat call (attempt), successful or not. */
    public void chatCall(String system, String requestModel, Duration duration, int inputTokens, int outputTokens,
            String outcome) {
        Timer.builder(OPERATION_DURATION)
            .description("GenAI operation duration")
            .tags("gen_ai.operation.name", "chat", "gen_ai.system", system, "gen_ai.request.model", requestModel,
                    "outcome", outcome)
            .register(registry)
            .record(duration);
        tokens(system, requestModel, "input", inputTokens);
        tokens(system, requestModel, "output", outputTokens);
    }

    private void tokens(String system, String requestModel, String type, int count) {
        DistributionSummary.builder(TOKEN_USAGE)
            .description("Measures number of input and output tokens used")
            .baseUnit("{token}")
            .tags("gen_ai.operation.name", "chat", "gen_ai.system", system, "gen_ai.request.model", requestModel,
                    "gen_ai.token.type", type)
            .register(registry)
            .record(count);
    }

    /** Money spent on an operation ({@code chat}, {@code embedding}, {@code rerank}). */
    public void cost(String operation, String requestModel, BigDecimal usd) {
        Counter.builder(COST)
            .description("USD spent on model operations")
            .baseUnit("usd")
            .tags("gen_ai.operation.name", operation, "gen_ai.request.model", requestModel)
            .register(registry)
            .increment(usd.doubleValue());
    }

    /** Money a cache hit saved. */
    public void saved(String requestModel, BigDecimal usd) {
        Counter.builder(SAVED)
            .description("USD a cached answer saved")
            .baseUnit("usd")
            .tags("gen_ai.request.model", requestModel)
            .register(registry)
            .increment(usd.doubleValue());
    }
}
