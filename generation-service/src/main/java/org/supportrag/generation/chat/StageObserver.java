package org.supportrag.generation.chat;

import java.util.function.Function;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Runs a chat stage inside its observation ({@link ChatObservationConvention}); the stage sets outcome and items. */
@Component
class StageObserver {

    private static final ChatObservationConvention DEFAULT = new ChatObservationConvention();

    private final ObservationRegistry registry;
    private final @Nullable ChatObservationConvention custom;

    StageObserver(ObjectProvider<ObservationRegistry> registry, ObjectProvider<ChatObservationConvention> custom) {
        this.registry = registry.getIfAvailable(() -> ObservationRegistry.NOOP);
        this.custom = custom.getIfAvailable();
    }

    <T> T observe(String stage, Function<ChatStageContext, T> work) {
        ChatStageContext context = new ChatStageContext(stage);
        return Observation.createNotStarted(custom, DEFAULT, () -> context, registry).observe(() -> work.apply(context));
    }
}
