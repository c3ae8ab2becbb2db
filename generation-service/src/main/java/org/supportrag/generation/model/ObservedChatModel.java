package org.supportrag.generation.model;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;

import org.supportrag.defaults.telemetry.GenAiObservationConvention;

/**
 * A provider's chat model as the answerer uses it: its observation becomes a child of the chat turn's (Spring AI
 * takes the parent from the Reactor context, which a blocking consumer never fills), and the time to the first
 * streamed chunk is measured ({@code gen_ai.client.operation.time_to_first_chunk}, and on the model span).
 */
final class ObservedChatModel implements ChatModel {

    static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";

    private final ChatModel delegate;
    private final ObservationRegistry observations;
    private final GenAiObservationConvention convention;
    private final Timer firstChunk;

    ObservedChatModel(ChatModel delegate, ObservationRegistry observations, MeterRegistry meters, String name,
            String system, String requestModel, GenAiObservationConvention convention) {
        this.delegate = delegate;
        this.observations = observations;
        this.convention = convention;
        this.firstChunk = Timer.builder(TIME_TO_FIRST_CHUNK)
            .description("Time from the model request to its first streamed chunk")
            .tags("gen_ai.operation.name", "chat", "gen_ai.system", system, "gen_ai.request.model", requestModel,
                    GenAiObservationConvention.MODEL_NAME, name)
            .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                    Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
                    Duration.ofSeconds(10))
            .register(meters);
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        Observation parent = observations.getCurrentObservation();
        if (parent == null) {
            return delegate.call(prompt);
        }
        try (Observation.Scope scope = parent.openScope()) {
            return delegate.call(prompt);
        }
    }

    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        Observation parent = observations.getCurrentObservation();
        AtomicBoolean first = new AtomicBoolean(true);
        long[] started = new long[1];
        Flux<ChatResponse> flux = delegate.stream(prompt)
            .doOnSubscribe(subscription -> started[0] = System.nanoTime())
            .doOnNext(response -> {
                if (first.compareAndSet(true, false)) {
                    long nanos = System.nanoTime() - started[0];
                    firstChunk.record(Duration.ofNanos(nanos));
                    convention.firstChunk(prompt.getInstructions(), nanos / 1e9);
                }
            });
        return parent == null ? flux
                : flux.contextWrite(context -> context.hasKey(ObservationThreadLocalAccessor.KEY) ? context
                        : context.put(ObservationThreadLocalAccessor.KEY, parent));
    }

    @Override
    public ChatOptions getDefaultOptions() {
        return delegate.getDefaultOptions();
    }

    @Override
    public ChatOptions getOptions() {
        return delegate.getOptions();
    }
}
