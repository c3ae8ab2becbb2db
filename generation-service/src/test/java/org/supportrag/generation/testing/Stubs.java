package org.supportrag.generation.testing;

import java.util.Map;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import org.supportrag.stub.openai.OpenAiStubServer;

/**
 * The peers outside generation, started once per JVM and shared by every test context: the fake retrieval, two
 * OpenAI-compatible stub LLMs and eval's prompt gate. Their URLs come from one initializer with the same values each time, so Spring's
 * context cache reuses a context across test classes that configure the service alike; each test starts from
 * reset stubs.
 */
public final class Stubs {

    public static final FakeRetrieval RETRIEVAL = new FakeRetrieval();
    /** The LLM of model {@code primary} (OpenAI-compatible at {@link #LLM_URL}, Ollama at {@link #OLLAMA_URL}). */
    public static final OpenAiStubServer LLM = new OpenAiStubServer().start();
    /** A second LLM, for settings with a model chain. */
    public static final OpenAiStubServer SMALL = new OpenAiStubServer().start();
    /** Eval's prompt gate, asked before a prompt version is labelled production. */
    public static final FakePromptGate PROMPT_GATE = new FakePromptGate();

    /** For {@code rag.generation.models.<name>.base-url}. */
    public static final String LLM_URL = "${test.stubs.llm-url}";
    public static final String SMALL_URL = "${test.stubs.small-url}";
    /** {@link #LLM} as an Ollama server (its root). */
    public static final String OLLAMA_URL = "${test.stubs.ollama-url}";

    private Stubs() {
    }

    /** Points the service at the stubs. */
    static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("stubs",
                        Map.of("rag.generation.retrieval-url", RETRIEVAL.url(), "rag.generation.prompt-gate.eval-url",
                                PROMPT_GATE.url(), "test.stubs.llm-url", LLM.openAiBaseUrl(), "test.stubs.ollama-url",
                                LLM.baseUrl(), "test.stubs.small-url", SMALL.openAiBaseUrl())));
        }
    }

    /** Before each test: stubs as new. */
    static final class Reset implements BeforeEachCallback {

        @Override
        public void beforeEach(ExtensionContext context) {
            RETRIEVAL.reset();
            LLM.reset();
            SMALL.reset();
            PROMPT_GATE.reset();
        }
    }
}
