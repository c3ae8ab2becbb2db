package org.supportrag.eval.answers;

/** An answer-level dataset (or results file) that cannot be read; names the source and line and what is wrong. */
public final class AnswerDatasetException extends RuntimeException {

    /** Never null: every constructor takes the message. */
    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNull(super.getMessage());
    }

    private final int line;

    public AnswerDatasetException(String source, int line, String problem) {
        super(source + (line > 0 ? " line " + line : "") + ": " + problem);
        this.line = line;
    }

    /** The 1-based line the problem is on; 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
