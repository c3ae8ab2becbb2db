package org.supportrag.retrieval.observation;

import org.supportrag.defaults.telemetry.StageContext;

/**
 * One stage of a search (rewrite, embed, retrieve, fuse, rerank, dedupe, compress): what ran and how many items went
 * in and came out; the outcome is {@code success}, or e.g. {@code fallback} when a stage degraded to a simpler method.
 * Never holds query or document text.
 */
public final class RetrievalStageContext extends StageContext<RetrievalStageContext> {

    private final String mode;
    private String method;
    private int input;
    private int output;

    /**
     * @param stage  the stage, e.g. {@code retrieve}
     * @param mode   the search mode
     * @param method how the stage ran, e.g. {@code dense}, {@code bm25}, {@code rrf}, {@code overlap}
     */
    public RetrievalStageContext(String stage, String mode, String method) {
        super(stage);
        this.mode = mode;
        this.method = method;
    }

    public String mode() {
        return mode;
    }

    public String method() {
        return method;
    }

    public int input() {
        return input;
    }

    public int output() {
        return output;
    }

    public RetrievalStageContext method(String method) {
        this.method = method;
        return this;
    }

    public RetrievalStageContext input(int input) {
        this.input = input;
        return this;
    }

    public RetrievalStageContext output(int output) {
        this.output = output;
        return this;
    }
}
