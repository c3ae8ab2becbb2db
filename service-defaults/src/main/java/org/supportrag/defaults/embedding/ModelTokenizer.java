package org.supportrag.defaults.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * The model's HuggingFace tokenizer (native, via DJL). Truncation is done here rather than by the tokenizer so that
 * {@link #count} sees whole texts. Thread-safe: the native tokenizer is immutable once built.
 */
final class ModelTokenizer implements TokenCounter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelTokenizer.class);

    // Far above any model's limit, so the native tokenizer never truncates; DJL warns when these are unset.
    private static final String UNLIMITED = "1000000";

    static {
        enforceDjlOfflineMode();
    }

    private final HuggingFaceTokenizer tokenizer;

    private ModelTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    static ModelTokenizer load(Resource tokenizerJson) {
        try (InputStream in = tokenizerJson.getInputStream()) {
            // InputStream factory: the name-based factories download from the HuggingFace hub.
            return new ModelTokenizer(HuggingFaceTokenizer.newInstance(in,
                    Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false", "maxLength",
                            UNLIMITED, "modelMaxLength", UNLIMITED)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read tokenizer " + tokenizerJson.getDescription(), ex);
        }
    }

    static ModelTokenizer bundled() {
        return Bundled.INSTANCE;
    }

    @Override
    public int count(String text) {
        Objects.requireNonNull(text, "text");
        return tokenizer.encode(text, false, false).getIds().length;
    }

    /**
     * Model input ids with special tokens, cut to {@code maxTokens} keeping the closing special token, as the
     * HuggingFace single-sequence truncation does.
     */
    long[] encodeForModel(String text, int maxTokens) {
        Objects.requireNonNull(text, "text");
        long[] ids = tokenizer.encode(text, true, false).getIds();
        if (ids.length <= maxTokens) {
            return ids;
        }
        long[] truncated = Arrays.copyOf(ids, maxTokens);
        truncated[maxTokens - 1] = ids[ids.length - 1];
        return truncated;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /**
     * DJL downloads native libraries and tokenizers and "calls home" on EC2 unless told it is offline. An explicit
     * setting wins, but is reported.
     */
    static void enforceDjlOfflineMode() {
        String offline = System.getProperty("ai.djl.offline", System.getenv("DJL_OFFLINE"));
        if (offline == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        else if (!Boolean.parseBoolean(offline)) {
            log.warn("DJL offline mode was disabled explicitly; the tokenizer may try to download its native library");
        }
        if (System.getProperty("OPT_OUT_TRACKING") == null && System.getenv("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    private static final class Bundled {

        static final ModelTokenizer INSTANCE = load(new DefaultResourceLoader()
                .getResource(EmbeddingProperties.DEFAULT_TOKENIZER_URI));
    }
}
