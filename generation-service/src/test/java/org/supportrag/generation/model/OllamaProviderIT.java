package org.supportrag.generation.model;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.generation.testing.FakeRetrieval;
import org.supportrag.generation.testing.GenerationIT;
import org.supportrag.generation.testing.ServiceClient.Sse;
import org.supportrag.generation.testing.ServiceClient;
import org.supportrag.generation.testing.Stubs;
import org.supportrag.stub.openai.OpenAiStubServer;
import org.supportrag.stub.openai.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportrag.generation.testing.ServiceClient.body;
import static org.supportrag.generation.testing.ServiceClient.customer;
import static org.supportrag.generation.testing.ServiceClient.newTenant;

/** The chat API answering with Ollama (the stub server's {@code /api/chat}, over real HTTP). */
@GenerationIT
@TestPropertySource(properties = { "rag.generation.models.primary.provider=ollama",
        "rag.generation.models.primary.base-url=" + Stubs.OLLAMA_URL, "rag.generation.models.primary.model=stub-llama" })
class OllamaProviderIT {

    static final FakeRetrieval retrieval = Stubs.RETRIEVAL;
    static final OpenAiStubServer ollama = Stubs.LLM;

    @Autowired
    ServiceClient client;

    @Autowired
    InternalTokenService tokens;

    @Test
    void streamsTheModelsAnswerWithoutLeakingTheInternalToken() throws Exception {
        ollama.respondWith("Refunds take up to 5 business days [1].");

        Sse sse = client.stream(customer(newTenant()), body("How long do refunds take?"));

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
