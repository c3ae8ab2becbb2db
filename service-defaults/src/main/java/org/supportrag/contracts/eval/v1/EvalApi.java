package org.supportrag.contracts.eval.v1;

/** Paths of the eval API, version 1, that other services call. */
public final class EvalApi {

    /**
     * {@code GET} with path variables {@code name} and {@code version} and query {@code scope} ({@code global} or
     * {@code tenant}): the caller's tenant's latest gate verdict on a candidate run that answered with that prompt
     * template version, as a {@link PromptGateStatus} (always 200; {@code status} {@code none} when there is none).
     */
    public static final String PROMPT_GATE = "/api/v1/eval/gates/prompts/{name}/versions/{version}";

    private EvalApi() {
    }
}
