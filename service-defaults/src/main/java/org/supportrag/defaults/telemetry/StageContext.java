package org.supportrag.defaults.telemetry;

import io.micrometer.observation.Observation;

/**
 * One stage of a request pipeline (a search, a chat turn): which stage ran and how it ended. Holds no user text.
 *
 * @param <S> the concrete context, returned by the fluent setters
 */
public abstract class StageContext<S extends StageContext<S>> extends Observation.Context {

    private final String stage;
    private String outcome = "success";

    protected StageContext(String stage) {
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }

    /** A bounded value: {@code success}, or e.g. {@code fallback}, {@code escalate}, {@code hit}. */
    public String outcome() {
        return outcome;
    }

    public S outcome(String outcome) {
        this.outcome = outcome;
        return self();
    }

    @SuppressWarnings("unchecked")
    protected final S self() {
        return (S) this;
    }
}
