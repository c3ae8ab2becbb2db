package org.supportrag.generation.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * With {@link GenerationIT}: the one model, {@code primary}, is OpenAI-compatible and {@link Stubs#LLM}.
 * One set of settings, so the test classes using it share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestPropertySource(properties = { "rag.generation.models.primary.provider=openai",
        "rag.generation.models.primary.base-url=" + Stubs.LLM_URL, "rag.generation.models.primary.api-key=sk-test",
        "rag.generation.models.primary.model=stub-model", "rag.generation.models.primary.prompt-price-per-million=2.0",
        "rag.generation.models.primary.completion-price-per-million=8.0" })
public @interface StubOpenAiProvider {
}
