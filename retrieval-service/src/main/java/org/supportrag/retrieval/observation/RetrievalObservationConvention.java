package org.supportrag.retrieval.observation;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags of retrieval stage observations: {@code rag.retrieval.stage} with low-cardinality tags stage, mode,
 * method and outcome (bounded sets, usable as metric tags) and the item counts as high-cardinality values (span
 * attributes only). A deployment may replace it with its own bean.
 */
public class RetrievalObservationConvention implements ObservationConvention<RetrievalStageContext> {

    public static final String NAME = "rag.retrieval.stage";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(RetrievalStageContext context) {
        return "retrieval " + context.stage();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(RetrievalStageContext context) {
        return KeyValues.of("stage", context.stage(), "mode", context.mode(), "method", context.method(), "outcome",
                context.outcome());
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(RetrievalStageContext context) {
        return KeyValues.of("rag.retrieval.input", String.valueOf(context.input()), "rag.retrieval.output",
                String.valueOf(context.output()));
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof RetrievalStageContext;
    }
}
