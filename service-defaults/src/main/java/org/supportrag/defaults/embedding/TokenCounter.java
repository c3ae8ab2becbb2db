package org.supportrag.defaults.embedding;

/**
 * Counts text in the embedding model's tokens, so chunkers can respect the model's input limit. Thread-safe.
 */
public interface TokenCounter {

    /** Tokens in {@code text}, without the model's special tokens ({@code [CLS]}, {@code [SEP]}). */
    int count(String text);

    /**
     * A process-wide counter using the bundled bge tokenizer, for code and tests outside a Spring context. It never
     * loads the ONNX model.
     */
    static TokenCounter bundled() {
        return ModelTokenizer.bundled();
    }
}
