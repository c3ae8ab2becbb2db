package org.supportrag.retrieval.observation;

import io.micrometer.common.KeyValues;

import org.supportrag.defaults.telemetry.StageObservationConvention;

/**
 * Names and tags of retrieval stage observations: {@code rag.retrieval.stage} with low-cardinality tags stage, mode,
 * method and outcome (bounded sets, usable as metric tags) and the item counts as high-cardinality values (span
 * attributes only). A deployment may replace it with its own bean.
 */
public class RetrievalObservationConvention extends StageObservationConvention<RetrievalStageContext> {

    public static final String NAME = "rag.retrieval.stage";

    public RetrievalObservationConvention() {
        super(NAME, "retrieval", RetrievalStageContext.class);
    }

    @Override
    protected KeyValues lowCardinality(RetrievalStageContext context) {
        return KeyValues.of("mode", context.mode(), "method", context.method());
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(RetrievalStageContext context) {
        return KeyValues.of("rag.retrieval.input", String.valueOf(context.input()), "rag.retrieval.output",
                String.valueOf(context.output()));
    }
}
