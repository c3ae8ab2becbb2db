package org.supportrag.defaults.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * A BERT-style sentence embedding model (by default the bundled, quantized bge-small-en-v1.5) run in-process by ONNX
 * Runtime: CLS pooling and L2 normalization, inputs truncated to {@code maxTokens}. Requests are split into batches
 * of similar-length texts, each padded to its longest member and run as one inference (or a few, when a batch would
 * exceed 8192 padded tokens, to bound native memory).
 * <p>
 * The bundled model quantizes activations dynamically over the whole batch tensor, so a text's vector depends slightly
 * on the other texts in its batch (cosine to the unbatched vector is about 0.99-0.999). Use {@code batchSize=1} where
 * vectors must be independent of batch composition.
 * <p>
 * Thread-safe. Inference runs on dedicated platform threads ({@code concurrency}, by default one): a virtual thread
 * inside a native call would pin its carrier, and with the default intra-op threads one run already uses every core.
 * With one intra-op thread per run, a second runner lets a query run beside another (a search's two legs, a burst of
 * new queries) on a core that is free. Their queue serves short requests (a query, a question: at
 * most {@value #INTERACTIVE_TEXTS} texts) before the batches of long ones, first come first served within each: when
 * many bulk callers queue a batch each (every turn falling back to the offline answerer while a model is down), a
 * customer's query waits for the one running batch, not for all of them. Close it to free the native session.
 */
public final class OnnxEmbeddingModel implements EmbeddingModel, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OnnxEmbeddingModel.class);

    private static final String INPUT_IDS = "input_ids";
    private static final String ATTENTION_MASK = "attention_mask";
    private static final String TOKEN_TYPE_IDS = "token_type_ids";
    private static final String LAST_HIDDEN_STATE = "last_hidden_state";
    private static final long PAD_ID = 0;
    // 16 full-length (512-token) rows: about 0.5 GB of native memory at the peak, with no throughput loss measured.
    static final int DEFAULT_MAX_PADDED_TOKENS_PER_RUN = 8192;
    /** Requests of at most this many texts go ahead of longer ones' batches. */
    static final int INTERACTIVE_TEXTS = 4;

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final ModelTokenizer tokenizer;
    private final OrtSession.SessionOptions sessionOptions;
    private final OrtSession session;
    private final boolean takesTokenTypeIds;
    private final String outputName;
    private final String modelId;
    private final int dimensions;
    private final int batchSize;
    private final int maxTokens;
    private final int maxPaddedTokensPerRun;
    private final ThreadPoolExecutor inference;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    private OnnxEmbeddingModel(EmbeddingProperties properties, Resource model, ModelTokenizer tokenizer,
            int maxPaddedTokensPerRun) throws OrtException {
        this.tokenizer = tokenizer;
        this.maxPaddedTokensPerRun = maxPaddedTokensPerRun;
        this.modelId = properties.modelId();
        this.dimensions = properties.dimensions();
        this.batchSize = properties.batchSize();
        this.maxTokens = properties.maxTokens();
        this.sessionOptions = new OrtSession.SessionOptions();
        OrtSession created = null;
        try {
            sessionOptions.setIntraOpNumThreads(properties.effectiveThreads());
            sessionOptions.setInterOpNumThreads(1);
            // Spinning intra-op threads starve everything else on a shared or busy CPU (here: 2-3x lower throughput).
            sessionOptions.addConfigEntry("session.intra_op.allow_spinning", "0");
            // The arena never shrinks: one burst of long batches would pin about 1 GB for the life of the service.
            sessionOptions.setCPUArenaAllocator(false);
            sessionOptions.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            sessionOptions.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            created = createSession(model);
            this.takesTokenTypeIds = checkInputs(created.getInputNames(), model);
            this.outputName = chooseOutput(created.getOutputInfo(), model);
        }
        catch (OrtException | RuntimeException ex) {
            if (created != null) {
                created.close();
            }
            sessionOptions.close();
            throw ex;
        }
        this.session = created;
        this.inference = new ThreadPoolExecutor(properties.concurrency(), properties.concurrency(), 0,
                TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(),
                Thread.ofPlatform().name("onnx-embedding-", 0).daemon(true).factory());
    }

    /** Loads the bundled bge-small-en-v1.5 (quantized) with default settings. */
    public static OnnxEmbeddingModel loadBundled() {
        return load(EmbeddingProperties.defaults());
    }

    public static OnnxEmbeddingModel load(EmbeddingProperties properties) {
        return load(properties, new DefaultResourceLoader());
    }

    /**
     * Loads model and tokenizer from {@code properties} ({@code classpath:} or {@code file:} locations) and runs one
     * warm-up inference, so a broken model fails here rather than on the first request.
     */
    public static OnnxEmbeddingModel load(EmbeddingProperties properties, ResourceLoader resourceLoader) {
        return load(properties, resourceLoader, DEFAULT_MAX_PADDED_TOKENS_PER_RUN);
    }

    static OnnxEmbeddingModel load(EmbeddingProperties properties, ResourceLoader resourceLoader,
            int maxPaddedTokensPerRun) {
        long started = System.nanoTime();
        Resource model = ModelResources.resolve(properties.modelUri(), resourceLoader, "model-uri");
        Resource tokenizerJson = ModelResources.resolve(properties.tokenizerUri(), resourceLoader, "tokenizer-uri");
        ModelTokenizer tokenizer = ModelTokenizer.load(tokenizerJson);
        OnnxEmbeddingModel loaded;
        try {
            loaded = new OnnxEmbeddingModel(properties, model, tokenizer, maxPaddedTokensPerRun);
        }
        catch (OrtException | RuntimeException ex) {
            tokenizer.close();
            throw new IllegalStateException("Cannot load ONNX embedding model " + properties.modelUri(), ex);
        }
        try {
            loaded.embed("warm-up");
        }
        catch (RuntimeException ex) {
            loaded.close();
            throw new IllegalStateException("ONNX embedding model " + properties.modelUri() + " failed its warm-up",
                    ex);
        }
        log.info("Loaded embedding model {} from {} in {} ms ({} dimensions, {} x {} intra-op threads, batch size {})",
                properties.modelId(), properties.modelUri(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                properties.dimensions(), properties.concurrency(), properties.effectiveThreads(),
                properties.batchSize());
        return loaded;
    }

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        checkOptions(request.getOptions());
        List<String> texts = request.getInstructions();
        texts.forEach(text -> Objects.requireNonNull(text, "texts must not contain null"));
        // Batch texts of similar length together so little compute goes to padding; results go back in input order.
        Integer[] order = new Integer[texts.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> texts.get(i).length()));
        float[][] vectors = new float[texts.size()][];
        int tokens = 0;
        for (int start = 0; start < order.length; start += batchSize) {
            Integer[] batch = Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize));
            List<String> batchTexts = Arrays.stream(batch).map(texts::get).toList();
            BatchResult result = onInferenceThread(batchTexts, texts.size() > INTERACTIVE_TEXTS);
            for (int i = 0; i < batch.length; i++) {
                vectors[batch[i]] = result.vectors()[i];
            }
            tokens += result.tokens();
        }
        List<Embedding> embeddings = new ArrayList<>(vectors.length);
        for (int i = 0; i < vectors.length; i++) {
            embeddings.add(new Embedding(vectors[i], i));
        }
        return new EmbeddingResponse(embeddings,
                new EmbeddingResponseMetadata(modelId, new DefaultUsage(tokens, 0, tokens)));
    }

    @Override
    public float[] embed(Document document) {
        String text = getEmbeddingContent(document);
        if (text == null) {
            throw new IllegalArgumentException("Only text documents can be embedded");
        }
        return embed(text);
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    public String modelId() {
        return modelId;
    }

    /** Counts with this model's tokenizer; valid until the model is closed. */
    public TokenCounter tokenCounter() {
        return tokenizer;
    }

    /** Waits for running inferences, then frees the native session. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        inference.shutdown();
        try {
            if (!inference.awaitTermination(30, TimeUnit.SECONDS)) {
                // Freeing a session that is still running would crash the JVM; leaking it is the lesser evil.
                log.warn("Embedding inference still running after 30 s; not freeing the ONNX session");
                return;
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            session.close();
        }
        catch (OrtException ex) {
            log.warn("Closing the ONNX session failed", ex);
        }
        sessionOptions.close();
        tokenizer.close();
    }

    private BatchResult onInferenceThread(List<String> texts, boolean bulk) {
        if (closed.get()) {
            throw new IllegalStateException("The embedding model is closed");
        }
        Inference task = new Inference(() -> run(texts), bulk, submitted.getAndIncrement());
        try {
            inference.execute(task);
        }
        catch (RejectedExecutionException ex) {
            throw new IllegalStateException("The embedding model is closed", ex);
        }
        try {
            return task.get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            task.cancel(false);
            throw new IllegalStateException("Interrupted while embedding", ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("ONNX embedding inference failed", ex.getCause());
        }
    }

    /** Inferences run so far (for tests of the queue's order). */
    long runs() {
        return runs.get();
    }

    /** The most inferences that ran at once so far (for tests of {@code concurrency}). */
    int mostRunning() {
        return mostRunning.get();
    }

    /** One queued inference: short requests first, then in the order they came. */
    private static final class Inference extends FutureTask<BatchResult> implements Comparable<Inference> {

        private final boolean bulk;
        private final long sequence;

        Inference(Callable<BatchResult> work, boolean bulk, long sequence) {
            super(work);
            this.bulk = bulk;
            this.sequence = sequence;
        }

        @Override
        public int compareTo(Inference other) {
            return bulk != other.bulk ? Boolean.compare(bulk, other.bulk) : Long.compare(sequence, other.sequence);
        }
    }

    private BatchResult run(List<String> texts) throws OrtException {
        runs.incrementAndGet();
        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            return encodeAndInfer(texts);
        }
        finally {
            running.decrementAndGet();
        }
    }

    private BatchResult encodeAndInfer(List<String> texts) throws OrtException {
        long[][] encoded = new long[texts.size()][];
        int tokens = 0;
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = tokenizer.encodeForModel(texts.get(i), maxTokens);
            tokens += encoded[i].length;
        }
        Integer[] order = new Integer[encoded.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> encoded[i].length));
        // Native memory peaks with batch x length^2 (attention): cap the padded tokens per inference.
        float[][] vectors = new float[encoded.length][];
        int first = 0;
        while (first < order.length) {
            int end = first + 1;
            while (end < order.length
                    && (end - first + 1) * encoded[order[end]].length <= maxPaddedTokensPerRun) {
                end++;
            }
            long[][] rows = new long[end - first][];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = encoded[order[first + r]];
            }
            float[][] pooled = infer(rows);
            for (int r = 0; r < rows.length; r++) {
                vectors[order[first + r]] = pooled[r];
            }
            first = end;
        }
        return new BatchResult(vectors, tokens);
    }

    /** One inference over {@code encoded}, padded to its longest sequence. */
    private float[][] infer(long[][] encoded) throws OrtException {
        int rows = encoded.length;
        int width = Arrays.stream(encoded).mapToInt(row -> row.length).max().orElseThrow();
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        for (int r = 0; r < rows; r++) {
            int offset = r * width;
            System.arraycopy(encoded[r], 0, ids, offset, encoded[r].length);
            Arrays.fill(ids, offset + encoded[r].length, offset + width, PAD_ID);
            Arrays.fill(mask, offset, offset + encoded[r].length, 1L);
        }
        long[] shape = { rows, width };
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(INPUT_IDS, OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put(ATTENTION_MASK, OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (takesTokenTypeIds) {
                // Single-sequence inputs: every token belongs to segment 0.
                inputs.put(TOKEN_TYPE_IDS,
                        OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[rows * width]), shape));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
                return pool((OnnxTensor) result.get(0), rows);
            }
        }
        finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** CLS pooling (the first token's hidden state, bge's recipe) of a [batch, sequence, hidden] output. */
    private float[][] pool(OnnxTensor output, int rows) {
        long[] shape = output.getInfo().getShape();
        int hidden = (int) shape[shape.length - 1];
        if (hidden != dimensions) {
            throw new IllegalStateException("Model produced " + hidden + " dimensions, expected " + dimensions);
        }
        int rowStride = (int) (shape[1] * hidden);
        FloatBuffer data = output.getFloatBuffer();
        float[][] vectors = new float[rows][];
        for (int r = 0; r < rows; r++) {
            float[] vector = new float[hidden];
            data.get(r * rowStride, vector);
            vectors[r] = normalize(vector);
        }
        return vectors;
    }

    private static float[] normalize(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        if (sum > 0) {
            float scale = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < vector.length; i++) {
                vector[i] *= scale;
            }
        }
        return vector;
    }

    private OrtSession createSession(Resource model) throws OrtException {
        try {
            if (model.isFile()) {
                return environment.createSession(model.getFile().getAbsolutePath(), sessionOptions);
            }
            try (InputStream in = model.getInputStream()) {
                return environment.createSession(in.readAllBytes(), sessionOptions);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read ONNX model " + model.getDescription(), ex);
        }
    }

    private static boolean checkInputs(Set<String> inputs, Resource model) {
        if (!inputs.contains(INPUT_IDS) || !inputs.contains(ATTENTION_MASK)
                || !Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS).containsAll(inputs)) {
            throw new IllegalArgumentException("Unsupported inputs " + inputs + " in " + model.getDescription()
                    + "; expected input_ids, attention_mask and optionally token_type_ids");
        }
        return inputs.contains(TOKEN_TYPE_IDS);
    }

    private String chooseOutput(Map<String, NodeInfo> outputs, Resource model) {
        String name = outputs.containsKey(LAST_HIDDEN_STATE) ? LAST_HIDDEN_STATE : outputs.keySet().iterator().next();
        NodeInfo output = Objects.requireNonNull(outputs.get(name));
        if (!(output.getInfo() instanceof TensorInfo info) || info.getShape().length != 3) {
            throw new IllegalArgumentException("Output " + name + " of " + model.getDescription()
                    + " is not a [batch, sequence, hidden] tensor");
        }
        long hidden = info.getShape()[2];
        if (hidden > 0 && hidden != dimensions) {
            throw new IllegalArgumentException("Model " + model.getDescription() + " outputs " + hidden
                    + " dimensions but rag.embedding.dimensions is " + dimensions);
        }
        return name;
    }

    private void checkOptions(@Nullable EmbeddingOptions options) {
        if (options != null && options.getDimensions() != null && options.getDimensions() != dimensions) {
            throw new IllegalArgumentException(
                    "This model only produces " + dimensions + " dimensions, not " + options.getDimensions());
        }
    }

    private record BatchResult(float[][] vectors, int tokens) {
    }
}
