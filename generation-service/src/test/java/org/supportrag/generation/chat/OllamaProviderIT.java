package org.supportrag.generation.chat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestSecrets;
import org.supportrag.generation.chat.ChatClientSupport.Sse;
import org.supportrag.stub.openai.OpenAiStubServer;
import org.supportrag.stub.openai.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportrag.generation.chat.ChatClientSupport.body;
import static org.supportrag.generation.chat.ChatClientSupport.customer;
import static org.supportrag.generation.chat.ChatClientSupport.newTenant;

/** The chat API answering with Ollama (the stub server's {@code /api/chat}, over real HTTP). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
                "rag.generation.provider=ollama", "spring.ai.ollama.chat.model=stub-llama" })
@Import(PostgresTestConfiguration.class)
class OllamaProviderIT {

    static final FakeRetrieval retrieval = new FakeRetrieval();
    static final OpenAiStubServer ollama = new OpenAiStubServer().start();

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("rag.generation.retrieval-url", retrieval::url);
        registry.add("spring.ai.ollama.base-url", ollama::baseUrl);
    }

    @AfterAll
    static void stopServers() {
        retrieval.close();
        ollama.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    @Test
    void streamsTheModelsAnswerWithoutLeakingTheInternalToken() throws Exception {
        ollama.respondWith("Refunds take up to 5 business days [1].");

        Sse sse = new ChatClientSupport(port, tokens).stream(customer(newTenant()), body("How long do refunds take?"));

        assertThat(sse.text()).isEqualTo("Refunds take up to 5 business days [1].");
        assertThat(sse.named("citation")).hasSize(1);
        JsonNode done = sse.events().getLast().data();
        assertThat(done.get("model").stringValue()).isEqualTo("stub-llama");
        assertThat(done.get("flags").isEmpty()).isTrue();
        RecordedRequest request = ollama.requests().getFirst();
        assertThat(request.path()).isEqualTo("/api/chat");
        // Internal tokens are for SupportRAG services only, never for a model provider.
        assertThat(request.authorization()).isNull();
    }
}
