package org.supportrag.eval.testing;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import org.supportrag.eval.online.FakeGeneration;
import org.supportrag.stub.openai.OpenAiStubServer;

/**
 * The peers outside eval, started once per JVM and shared by every test context: a fake generation and an
 * OpenAI-compatible stub LLM (the judge). Their URLs come from one initializer with the same values each time, so
 * Spring's context cache reuses a context across test classes with the same settings.
 */
public final class Peers {

    public static final FakeGeneration GENERATION = new FakeGeneration();
    public static final OpenAiStubServer LLM = new OpenAiStubServer().start();

    /** For a {@code base-url} of an OpenAI-compatible model. */
    public static final String LLM_URL = "${test.peers.llm-url}";

    private Peers() {
    }

    static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("peers", Map.of("rag.eval.generation-url", GENERATION.url(),
                        "test.peers.llm-url", LLM.openAiBaseUrl())));
        }
    }
}
