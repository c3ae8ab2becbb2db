package org.supportrag.generation.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * With {@link GenerationIT}: a chain of two OpenAI-compatible models, {@code primary} ({@link Stubs#LLM}, a 1 s
 * first-token timeout, one call at a time) and {@code small} ({@link Stubs#SMALL}), then the extractive answerer;
 * two attempts per model and a breaker that opens after four calls for 1.5 s, so faults show within a short test.
 * Its pool's connections carry an application name of their own ({@link #APPLICATION_NAME} and a random suffix),
 * so a test can terminate exactly them. One set of settings, so the test classes using it share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestPropertySource(properties = { "rag.generation.models.primary.provider=openai",
        "rag.generation.models.primary.api-key=sk-primary", "rag.generation.models.primary.model=big-model",
        "rag.generation.models.primary.first-token-timeout=1s",
        "rag.generation.models.primary.prompt-price-per-million=3",
        "rag.generation.models.primary.completion-price-per-million=15",
        "rag.generation.models.small.provider=openai", "rag.generation.models.small.api-key=sk-small",
        "rag.generation.models.small.model=small-model", "rag.generation.models.small.prompt-price-per-million=0.5",
        "rag.generation.models.small.completion-price-per-million=1.5", "rag.generation.routing.simple-max-words=0",
        "resilience4j.retry.configs.llm.max-attempts=2", "resilience4j.retry.configs.llm.wait-duration=20ms",
        "resilience4j.circuitbreaker.configs.llm.sliding-window-size=4",
        "resilience4j.circuitbreaker.configs.llm.minimum-number-of-calls=4",
        "resilience4j.circuitbreaker.configs.llm.wait-duration-in-open-state=1500ms",
        "resilience4j.circuitbreaker.configs.llm.permitted-number-of-calls-in-half-open-state=1",
        "resilience4j.bulkhead.instances.llm-primary.max-concurrent-calls=1",
        "resilience4j.bulkhead.instances.llm-primary.max-wait-duration=0ms",
        "rag.generation.models.primary.base-url=" + Stubs.LLM_URL,
        "rag.generation.models.small.base-url=" + Stubs.SMALL_URL,
        "spring.datasource.hikari.data-source-properties.ApplicationName=" + StubModelChain.APPLICATION_NAME
                + "${random.uuid}" })
public @interface StubModelChain {

    /** The start of the pool's {@code application_name} in {@code pg_stat_activity}. */
    String APPLICATION_NAME = "generation-stub-chain-";
}
