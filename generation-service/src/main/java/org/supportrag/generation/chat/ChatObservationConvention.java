package org.supportrag.generation.chat;

import io.micrometer.common.KeyValues;

import org.supportrag.defaults.telemetry.StageObservationConvention;

/**
 * Names and tags of chat turn stage observations: {@code rag.chat.stage} with the low-cardinality tags stage and
 * outcome (usable as metric tags) and the item count as a high-cardinality value (span attribute only). A deployment
 * may replace it with its own bean.
 */
class ChatObservationConvention extends StageObservationConvention<ChatStageContext> {

    public static final String NAME = "rag.chat.stage";

    ChatObservationConvention() {
        super(NAME, "chat", ChatStageContext.class);
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ChatStageContext context) {
        return KeyValues.of("rag.chat.items", String.valueOf(context.items()));
    }
}
