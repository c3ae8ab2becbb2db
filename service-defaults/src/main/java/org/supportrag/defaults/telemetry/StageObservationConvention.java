package org.supportrag.defaults.telemetry;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags of a pipeline's stage observations: one observation name, the contextual name
 * "{@code <prefix> <stage>}", the low-cardinality tags stage and outcome (usable as metric tags) plus those a pipeline
 * adds; item counts belong in the high-cardinality values (span attributes only).
 *
 * @param <C> the pipeline's stage context
 */
public abstract class StageObservationConvention<C extends StageContext<C>> implements ObservationConvention<C> {

    private final String name;
    private final String prefix;
    private final Class<C> type;

    protected StageObservationConvention(String name, String prefix, Class<C> type) {
        this.name = name;
        this.prefix = prefix;
        this.type = type;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getContextualName(C context) {
        return prefix + " " + context.stage();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(C context) {
        return KeyValues.of("stage", context.stage(), "outcome", context.outcome()).and(lowCardinality(context));
    }

    /** The pipeline's own bounded tags beside stage and outcome. */
    protected KeyValues lowCardinality(C context) {
        return KeyValues.empty();
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return type.isInstance(context);
    }
}
