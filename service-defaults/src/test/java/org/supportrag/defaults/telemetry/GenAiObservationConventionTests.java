package org.supportrag.defaults.telemetry;

import java.util.List;
import java.util.concurrent.CompletionException;

import io.micrometer.common.KeyValue;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;

class GenAiObservationConventionTests {

    final GenAiObservationConvention convention = new GenAiObservationConvention("primary", "openai");

    @Test
    void addsTheProviderTheConfiguredNameAndTheUnwrappedErrorTypeAsMetricTags() {
        ChatModelObservationContext context = context(new Prompt(List.of(new UserMessage("a question"))));
        assertThat(convention.getLowCardinalityKeyValues(context)).contains(KeyValue.of("gen_ai.system", "openai"),
                KeyValue.of("gen_ai.provider.name", "openai"), KeyValue.of("rag.model", "primary"), KeyValue.of("error.type", "none"));

        context.setError(new CompletionException(new IllegalStateException("500 from the provider")));
        assertThat(convention.getLowCardinalityKeyValues(context))
            .contains(KeyValue.of("error.type", "IllegalStateException"));
    }

    @Test
    void putsTheTimeToTheFirstChunkOnTheSpanOfTheSameCallOnlyAndNeverTheText() {
        UserMessage question = new UserMessage("a question with customer text");
        ChatModelObservationContext context = context(new Prompt(List.of(question)));
        convention.firstChunk(List.of(question), 0.1234);
        convention.firstChunk(List.of(new UserMessage("a question with customer text")), 9.0);

        assertThat(convention.getHighCardinalityKeyValues(context))
            .contains(KeyValue.of(GenAiObservationConvention.TIME_TO_FIRST_CHUNK, "0.123"))
            .noneMatch(value -> value.getValue().contains("customer text"));
        assertThat(convention.getHighCardinalityKeyValues(context)).as("read once")
            .noneMatch(value -> value.getKey().equals(GenAiObservationConvention.TIME_TO_FIRST_CHUNK));
    }

    private static ChatModelObservationContext context(Prompt prompt) {
        return ChatModelObservationContext.builder().prompt(prompt).provider("openai").build();
    }
}
