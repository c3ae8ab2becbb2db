package org.supportrag.defaults.telemetry;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;

/**
 * Every model call's observation (generation's answers, retrieval's rewrite, evaluation's judge): Spring AI's
 * chat-model observation (span {@code chat <model>}, timer {@code gen_ai.client.operation}, counter
 * {@code gen_ai.client.token.usage}) with the OpenTelemetry GenAI attributes it lacks: {@code gen_ai.system} and
 * {@code gen_ai.provider.name}, {@code error.type} and our configured model name as low-cardinality values (metric
 * tags), and the time to the first streamed chunk as a span attribute. Prompt and completion text never become
 * attributes: Spring AI records content only through its separate content handlers, which stay off unless
 * {@code spring.ai.chat.observations.log-prompt} / {@code log-completion} are set.
 */
public class GenAiObservationConvention extends DefaultChatModelObservationConvention {

    public static final String MODEL_NAME = "rag.model";
    /** The GenAI conventions' current name of the provider; Spring AI's {@code gen_ai.system} stays for older tools. */
    public static final String PROVIDER_NAME = "gen_ai.provider.name";
    public static final String TIME_TO_FIRST_CHUNK = "gen_ai.response.time_to_first_chunk";
    private static final int MAX_PENDING = 10_000;

    private final String name;
    private final String system;
    /** First-chunk times by the streamed prompt's last message (the same instance Spring AI observes). */
    private final Map<Message, Double> firstChunkSeconds = Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * @param name the configured model name ({@code primary}, {@code rewrite}, {@code judge}...), a metric tag
     * @param system the provider, OpenTelemetry {@code gen_ai.system} (e.g. {@code openai})
     */
    public GenAiObservationConvention(String name, String system) {
        this.name = name;
        this.system = system;
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ChatModelObservationContext context) {
        return super.getLowCardinalityKeyValues(context)
            .and(KeyValue.of("gen_ai.system", system), KeyValue.of(PROVIDER_NAME, system),
                    KeyValue.of(MODEL_NAME, name), KeyValue.of("error.type", errorType(context.getError())));
    }

    /** The failure's class, looking through the async wrappers the clients add (e.g. the provider's 500). */
    static String errorType(@Nullable Throwable error) {
        Throwable cause = error;
        while (cause != null && cause.getCause() != null && cause != cause.getCause()
                && (cause instanceof java.util.concurrent.CompletionException
                        || cause instanceof java.util.concurrent.ExecutionException
                        || cause instanceof java.lang.reflect.UndeclaredThrowableException)) {
            cause = cause.getCause();
        }
        return cause == null ? "none" : cause.getClass().getSimpleName();
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ChatModelObservationContext context) {
        KeyValues values = super.getHighCardinalityKeyValues(context);
        Message last = lastMessage(context.getRequest().getInstructions());
        Double seconds = last == null ? null : firstChunkSeconds.remove(last);
        return seconds == null ? values : values.and(TIME_TO_FIRST_CHUNK, String.format(java.util.Locale.ROOT, "%.3f", seconds));
    }

    /** Noted by a streaming caller when the first chunk of a call arrives; becomes the span's attribute. */
    public void firstChunk(List<Message> instructions, double seconds) {
        Message last = lastMessage(instructions);
        if (last == null) {
            return;
        }
        if (firstChunkSeconds.size() >= MAX_PENDING) {
            // Calls whose observation never stopped (cancelled before the end): forget them rather than grow.
            firstChunkSeconds.clear();
        }
        firstChunkSeconds.put(last, seconds);
    }

    private static @Nullable Message lastMessage(List<Message> instructions) {
        return instructions.isEmpty() ? null : instructions.getLast();
    }
}
