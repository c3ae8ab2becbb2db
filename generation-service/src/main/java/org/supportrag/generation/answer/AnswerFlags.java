package org.supportrag.generation.answer;

/** Flags an answer can raise; clients see them in the {@code done} event. */
public final class AnswerFlags {

    /** Nothing in the help center answered the question well. */
    public static final String LOW_CONFIDENCE = "low_confidence";

    /** The LLM failed before writing anything; the answer is extractive. */
    public static final String LLM_FALLBACK = "llm_fallback";

    /** The LLM stream broke off; the answer was closed with a short apology. */
    public static final String LLM_INTERRUPTED = "llm_interrupted";

    private AnswerFlags() {
    }
}
