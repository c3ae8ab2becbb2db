package org.supportrag.e2e;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /v1/chat/completions} at the gateway, driven by the official OpenAI Java SDK: the gateway
 * authenticates the widget key and proxies to generation, which answers through the chat pipeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ServiceLogsOnFailure.class)
class OpenAiCompatibleChatThroughTheGatewayIT {

    static final String WIDGET_KEY = "demo-widget-key";
    static final String ADMIN_KEY = "demo-admin-key";

    Platform platform;
    OpenAIClient client;
    String knowledgeBase;

    @BeforeAll
    void startPlatformAndIngest() throws Exception {
        platform = SharedPlatform.platform();
        knowledgeBase = "e2e-openai-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> upload = platform.uploadMarkdown(knowledgeBase, Map.of("shipping.md", """
                # Shipping

                ## Delivery times
                Standard parcels arrive within 4 business days. Express parcels arrive the next business day when
                ordered before 2 pm.
                """), ADMIN_KEY);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        client = OpenAIOkHttpClient.builder()
            .baseUrl(platform.gateway() + "/v1")
            // The key goes where SDKs put it (Authorization: Bearer) and where the gateway reads widget keys.
            .apiKey(WIDGET_KEY)
            .putHeader("X-Api-Key", WIDGET_KEY)
            .maxRetries(0)
            .build();
    }

    ChatCompletionCreateParams.Builder question(String text) {
        return ChatCompletionCreateParams.builder()
            .model("supportrag")
            .addUserMessage(text)
            .putAdditionalBodyProperty("knowledge_base", JsonValue.from(knowledgeBase));
    }

    @Test
    void answersAnSdkCompletionWithAGroundedCitedAnswer() {
        ChatCompletion completion = client.chat().completions().create(question("When do express parcels arrive?")
            .build());

        String answer = completion.choices().getFirst().message().content().orElseThrow();
        assertThat(answer).contains("next business day").contains("[1]");
        assertThat(completion.usage()).isPresent();
        assertThat(completion._additionalProperties().get("supportrag").toString()).contains("Shipping");
    }

    @Test
    void streamsAnSdkCompletionChunkByChunk() {
        StringBuilder text = new StringBuilder();
        int chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
            .completions()
            .createStreaming(question("How long do standard parcels take?").build())) {
            chunks = (int) stream.stream()
                .peek(chunk -> chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)))
                .count();
        }

        assertThat(text.toString()).contains("4 business days");
        assertThat(chunks).isGreaterThan(3);
    }
}
