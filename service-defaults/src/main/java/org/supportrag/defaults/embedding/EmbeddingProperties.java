package org.supportrag.defaults.embedding;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Embedding settings, prefix {@code rag.embedding}.
 *
 * @param provider         {@code onnx} (bundled in-process model) or {@code spring-ai} (the application's Spring AI
 *                         {@code EmbeddingModel} bean, e.g. from the OpenAI or Ollama starter)
 * @param modelUri         ONNX model, {@code classpath:} or {@code file:}
 * @param tokenizerUri     HuggingFace {@code tokenizer.json}, {@code classpath:} or {@code file:}; also sizes chunks
 * @param modelId          recorded next to stored vectors so a model change is detectable
 * @param dimensions       vector length; every vector is checked against it
 * @param batchSize        texts per model call
 * @param maxTokens        input truncation, special tokens included
 * @param queryInstruction prepended to queries only (bge's asymmetric retrieval recipe); empty disables it
 * @param threads          ONNX Runtime intra-op threads per inference, 0 = available processors
 * @param concurrency      inferences run at once, each on its own platform thread with {@code threads} intra-op
 *                         threads: more than 1 lets a query run beside another query or a batch instead of queueing
 *                         behind it, where a core is free for it
 */
@ConfigurationProperties("rag.embedding")
public record EmbeddingProperties(
        @DefaultValue("onnx") Provider provider,
        @DefaultValue(DEFAULT_MODEL_URI) String modelUri,
        @DefaultValue(DEFAULT_TOKENIZER_URI) String tokenizerUri,
        @DefaultValue(DEFAULT_MODEL_ID) String modelId,
        @DefaultValue("384") int dimensions,
        @DefaultValue("32") int batchSize,
        @DefaultValue("512") int maxTokens,
        @DefaultValue(DEFAULT_QUERY_INSTRUCTION) String queryInstruction,
        @DefaultValue("0") int threads,
        @DefaultValue("1") int concurrency) {

    public static final String DEFAULT_MODEL_URI = "classpath:bge-small-en-v1.5-q.onnx";
    public static final String DEFAULT_TOKENIZER_URI = "classpath:bge-small-en-v1.5-q-tokenizer.json";
    public static final String DEFAULT_MODEL_ID = "bge-small-en-v1.5-q";
    public static final String DEFAULT_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    public enum Provider {
        ONNX, SPRING_AI
    }

    public EmbeddingProperties {
        requireText(modelUri, "modelUri");
        requireText(tokenizerUri, "tokenizerUri");
        requireText(modelId, "modelId");
        if (dimensions < 1) {
            throw new IllegalArgumentException("rag.embedding.dimensions must be positive, was " + dimensions);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("rag.embedding.batch-size must be positive, was " + batchSize);
        }
        // Room for the two special tokens plus at least one real token.
        if (maxTokens < 3) {
            throw new IllegalArgumentException("rag.embedding.max-tokens must be at least 3, was " + maxTokens);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("rag.embedding.threads must be >= 0, was " + threads);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("rag.embedding.concurrency must be positive, was " + concurrency);
        }
    }

    /** The bundled bge-small-en-v1.5 (quantized) setup. */
    public static EmbeddingProperties defaults() {
        return new EmbeddingProperties(Provider.ONNX, DEFAULT_MODEL_URI, DEFAULT_TOKENIZER_URI, DEFAULT_MODEL_ID, 384,
                32, 512, DEFAULT_QUERY_INSTRUCTION, 0, 1);
    }

    public EmbeddingProperties withProvider(Provider provider) {
        return new EmbeddingProperties(provider, modelUri, tokenizerUri, modelId, dimensions, batchSize, maxTokens,
                queryInstruction, threads, concurrency);
    }

    public EmbeddingProperties withBatchSize(int batchSize) {
        return new EmbeddingProperties(provider, modelUri, tokenizerUri, modelId, dimensions, batchSize, maxTokens,
                queryInstruction, threads, concurrency);
    }

    public EmbeddingProperties withThreads(int threads) {
        return new EmbeddingProperties(provider, modelUri, tokenizerUri, modelId, dimensions, batchSize, maxTokens,
                queryInstruction, threads, concurrency);
    }

    public EmbeddingProperties withConcurrency(int concurrency) {
        return new EmbeddingProperties(provider, modelUri, tokenizerUri, modelId, dimensions, batchSize, maxTokens,
                queryInstruction, threads, concurrency);
    }

    /** ONNX Runtime intra-op threads after resolving 0 to the processor count. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("rag.embedding." + name + " must not be blank");
        }
    }
}
