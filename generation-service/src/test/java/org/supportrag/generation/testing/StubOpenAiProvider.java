package org.supportrag.generation.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * With {@link GenerationIT}: the single OpenAI-compatible provider ({@code spring.ai.openai.*}) is {@link Stubs#LLM}.
 * One set of settings, so the test classes using it share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestPropertySource(properties = { "rag.generation.provider=openai", "spring.ai.openai.api-key=sk-test",
        "spring.ai.openai.chat.model=stub-model", "rag.generation.llm.prompt-price-per-million=2.0",
        "rag.generation.llm.completion-price-per-million=8.0" })
public @interface StubOpenAiProvider {
}
