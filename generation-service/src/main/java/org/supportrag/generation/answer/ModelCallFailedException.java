package org.supportrag.generation.answer;

/**
 * A model call that failed, possibly after part of the answer was already streamed.
 *
 * @see ChatClientAnswerer
 */
public final class ModelCallFailedException extends RuntimeException {

    private final String partialText;
    private final int promptTokens;
    private final int completionTokens;

    public ModelCallFailedException(Throwable cause, String partialText, int promptTokens, int completionTokens) {
        super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        this.partialText = partialText;
        this.promptTokens = promptTokens;
        this.completionTokens = completionTokens;
    }

    /** What the customer already received of this answer; empty when the call failed before its first token. */
    public String partialText() {
        return partialText;
    }

    /** Estimated prompt tokens of the failed call. */
    public int promptTokens() {
        return promptTokens;
    }

    /** Tokens of {@link #partialText()}. */
    public int completionTokens() {
        return completionTokens;
    }
}
