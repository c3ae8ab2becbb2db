package org.supportrag.generation.chat;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags of chat turn stage observations: {@code rag.chat.stage} with the low-cardinality tags stage and
 * outcome (usable as metric tags) and the item count as a high-cardinality value (span attribute only). A deployment
 * may replace it with its own bean.
 */
class ChatObservationConvention implements ObservationConvention<ChatStageContext> {

    public static final String NAME = "rag.chat.stage";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(ChatStageContext context) {
        return "chat " + context.stage();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ChatStageContext context) {
        return KeyValues.of("stage", context.stage(), "outcome", context.outcome());
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ChatStageContext context) {
        return KeyValues.of("rag.chat.items", String.valueOf(context.items()));
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ChatStageContext;
    }
}
