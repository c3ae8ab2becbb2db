package org.supportrag.defaults.embedding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

class OnnxEmbeddingModelTests {

    static final String PASSWORD_RESET = "To reset your password, open the sign-in page and click \"Forgot password\". "
            + "We email you a link that stays valid for 30 minutes; follow it and choose a new password.";

    static final String BILLING = "Invoices are issued on the first day of each month. You can download past "
            + "invoices and update your credit card under Settings > Billing.";

    static final String SHIPPING = "Orders ship within two business days. Standard delivery takes 3-5 days and "
            + "express delivery arrives the next day in most regions.";

    static final List<String> MIXED_LENGTHS = List.of("Hi", PASSWORD_RESET, "Where is my parcel?", BILLING,
            SHIPPING + " " + BILLING + " " + PASSWORD_RESET, "Cancel my subscription, please.", SHIPPING);

    static OnnxEmbeddingModel model;

    @BeforeAll
    static void loadModel() {
        // A batch size below the input count so requests span several batches.
        model = OnnxEmbeddingModel.load(EmbeddingProperties.defaults().withBatchSize(3));
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @Test
    void producesUnitLength384DimensionalVectors() {
        List<float[]> vectors = model.embed(MIXED_LENGTHS);

        assertThat(vectors).hasSize(MIXED_LENGTHS.size());
        assertThat(model.dimensions()).isEqualTo(384);
        for (float[] vector : vectors) {
            assertThat(vector).hasSize(384);
            assertThat(Vectors.norm(vector)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void embedsABatchOfIdenticalTextsExactlyLikeOneText() {
        float[] alone = model.embed(PASSWORD_RESET);

        for (float[] batched : model.embed(List.of(PASSWORD_RESET, PASSWORD_RESET, PASSWORD_RESET, PASSWORD_RESET))) {
            assertThat(Vectors.cosine(batched, alone)).isGreaterThan(0.99999);
        }
    }

    /*
     * Not 0.9999: the quantized model scales activations over the whole batch tensor, so batch neighbours shift a
     * vector slightly (measured 0.994-0.999). Unmasked padding would shift "Hi" next to a long text to about 0.7.
     */
    @Test
    void embedsABatchLikeTheTextsOneByOne() {
        List<float[]> batched = model.embed(MIXED_LENGTHS);

        for (int i = 0; i < MIXED_LENGTHS.size(); i++) {
            float[] alone = model.embed(MIXED_LENGTHS.get(i));
            assertThat(Vectors.cosine(batched.get(i), alone)).as("text %d", i).isGreaterThan(0.99);
        }
    }

    @Test
    void ignoresPaddingInAShortTextBatchedWithALongOne() {
        List<float[]> batched = model.embed(List.of("Hi", SHIPPING + " " + BILLING + " " + PASSWORD_RESET));

        assertThat(Vectors.cosine(batched.get(0), model.embed("Hi"))).isGreaterThan(0.99);
    }

    @Test
    void keepsTheInputOrderAcrossBatches() {
        List<float[]> vectors = model.embed(MIXED_LENGTHS);

        for (int i = 0; i < MIXED_LENGTHS.size(); i++) {
            float[] alone = model.embed(MIXED_LENGTHS.get(i));
            for (int j = 0; j < MIXED_LENGTHS.size(); j++) {
                double similarity = Vectors.cosine(vectors.get(j), alone);
                if (i == j) {
                    assertThat(similarity).as("text %d at %d", i, j).isGreaterThan(0.99);
                }
                else {
                    assertThat(similarity).as("text %d at %d", i, j).isLessThan(0.97);
                }
            }
        }
    }

    @Test
    void splitsBatchesOverThePaddedTokenBudgetIntoSeveralRunsKeepingTheOrder() throws Exception {
        List<String> sentences;
        try (var in = getClass().getResourceAsStream("/embedding/support-sentences.txt")) {
            sentences = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        int tokens = sentences.stream().mapToInt(sentence -> model.tokenCounter().count(sentence) + 2).sum();

        // A budget of 64 padded tokens fits only two or three of these sentences per run.
        try (OnnxEmbeddingModel smallRuns = OnnxEmbeddingModel.load(EmbeddingProperties.defaults(),
                new DefaultResourceLoader(), 64)) {
            EmbeddingResponse response = smallRuns
                .call(new EmbeddingRequest(sentences, EmbeddingOptions.builder().build()));

            assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(tokens);
            for (int i = 0; i < sentences.size(); i++) {
                float[] alone = model.embed(sentences.get(i));
                for (int j = 0; j < sentences.size(); j++) {
                    double similarity = Vectors.cosine(response.getResults().get(j).getOutput(), alone);
                    if (i == j) {
                        assertThat(similarity).as("text %d", i).isGreaterThan(0.99);
                    }
                    else {
                        assertThat(similarity).as("text %d at %d", i, j).isLessThan(0.97);
                    }
                }
            }
        }
    }

    @Test
    void ranksThePasswordResetPassageFirstForAPasswordQuestion() {
        TextEmbedder embedder = TextEmbedder.of(model, model.tokenCounter(), EmbeddingProperties.defaults());

        float[] query = embedder.embedQuery("I forgot my password, how can I change it?");
        List<float[]> passages = embedder.embedDocuments(List.of(BILLING, PASSWORD_RESET, SHIPPING));

        double password = Vectors.dot(query, passages.get(1));
        assertThat(password).isGreaterThan(Vectors.dot(query, passages.get(0)) + 0.05)
            .isGreaterThan(Vectors.dot(query, passages.get(2)) + 0.05);
    }

    @Test
    void matchesLangchain4jsReferenceImplementation() {
        var reference = new BgeSmallEnV15QuantizedEmbeddingModel();

        for (String text : List.of(PASSWORD_RESET, BILLING, SHIPPING, "Hi")) {
            float[] expected = reference.embed(text).content().vector();
            assertThat(Vectors.cosine(model.embed(text), expected)).as(text).isGreaterThan(0.999);
        }
    }

    @Test
    void truncatesInputsToTheModelsTokenLimitKeepingTheClosingToken() {
        // "password reset " is two tokens: 255 repeats fill 510 tokens plus [CLS] and [SEP].
        float[] atLimit = model.embed("password reset ".repeat(255));
        float[] overLimit = model.embed("password reset ".repeat(700));

        assertThat(Vectors.cosine(atLimit, overLimit)).isGreaterThan(0.99999);
        assertThat(Vectors.cosine(atLimit, model.embed("password reset ".repeat(200)))).isLessThan(0.99999);
    }

    @Test
    void reportsTokenUsageAndTheModelId() {
        EmbeddingResponse response = model.call(
                new EmbeddingRequest(List.of("reset my password", "hi"), EmbeddingOptions.builder().build()));

        assertThat(response.getResults()).extracting(result -> result.getIndex()).containsExactly(0, 1);
        assertThat(response.getMetadata().getModel()).isEqualTo("bge-small-en-v1.5-q");
        // [CLS] reset my password [SEP] + [CLS] hi [SEP]
        assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(8);
    }

    @Test
    void rejectsARequestForOtherDimensions() {
        assertThatIllegalArgumentException().isThrownBy(() -> model
            .call(new EmbeddingRequest(List.of("hi"), EmbeddingOptions.builder().dimensions(768).build())));
    }

    @Test
    void returnsNoVectorsForNoTexts() {
        assertThat(model.embed(List.<String>of())).isEmpty();
    }

    @Test
    void givesTheSameVectorsUnderConcurrentUse() throws Exception {
        List<float[]> expected = model.embed(MIXED_LENGTHS);

        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<float[]>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(callers.submit(() -> model.embed(MIXED_LENGTHS)));
            }
            for (Future<List<float[]>> result : results) {
                List<float[]> actual = result.get();
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(Vectors.cosine(actual.get(i), expected.get(i))).isGreaterThan(0.99999);
                }
            }
        }
    }

    @Test
    void servesAQueryBeforeTheQueuedBatchesOfLongRequests() throws Exception {
        List<String> bulk = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bulk.addAll(List.of(PASSWORD_RESET + " " + i, SHIPPING + " " + i, BILLING + " " + i));
        }
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            long started = model.runs();
            List<Future<List<float[]>>> bulkCalls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                bulkCalls.add(callers.submit(() -> model.embed(bulk)));
            }
            // Every bulk caller has had a batch run, so each has one queued or running from here on.
            while (model.runs() < started + 6) {
                Thread.onSpinWait();
            }
            long before = model.runs();
            model.embed("Where is my parcel?");
            long ranMeanwhile = model.runs() - before;

            // First come first served, the query would wait for the five bulk batches queued ahead of it.
            assertThat(ranMeanwhile).as("inferences from the query's arrival to its answer").isLessThanOrEqualTo(3);
            assertThat(bulkCalls.stream().filter(Future::isDone)).isEmpty();
            for (Future<List<float[]>> call : bulkCalls) {
                assertThat(call.get()).hasSize(bulk.size());
            }
        }
    }

    @Test
    void runsAsManyQueriesAtOnceAsItsConcurrencyAllowsWithTheSameVectors() throws Exception {
        List<String> queries = List.of("Where is my parcel?", PASSWORD_RESET, "How do I change my card?", SHIPPING);
        List<float[]> alone = queries.stream().map(model::embed).toList();
        try (OnnxEmbeddingModel two = OnnxEmbeddingModel
            .load(EmbeddingProperties.defaults().withThreads(1).withConcurrency(2));
                ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<float[]>> calls = new ArrayList<>();
            for (int round = 0; round < 25; round++) {
                for (String query : queries) {
                    calls.add(callers.submit(() -> two.embed(query)));
                }
            }
            for (int i = 0; i < calls.size(); i++) {
                // One text per inference: a vector does not depend on what runs beside it.
                assertThat(calls.get(i).get()).containsExactly(alone.get(i % queries.size()));
            }

            assertThat(two.mostRunning()).isEqualTo(2);
        }
        // The default: one at a time, however many callers wait.
        assertThat(model.mostRunning()).isEqualTo(1);
    }

    @Test
    void refusesToEmbedOnceClosed() {
        OnnxEmbeddingModel closed = OnnxEmbeddingModel.load(EmbeddingProperties.defaults().withThreads(1));
        closed.close();
        closed.close();

        assertThatIllegalStateException().isThrownBy(() -> closed.embed("hello")).withMessageContaining("closed");
    }

    @Test
    void failsToLoadWhenTheConfiguredDimensionsDoNotMatchTheModel() {
        var properties = new EmbeddingProperties(EmbeddingProperties.Provider.ONNX,
                EmbeddingProperties.DEFAULT_MODEL_URI, EmbeddingProperties.DEFAULT_TOKENIZER_URI, "bge", 768, 32, 512,
                "", 1, 1);

        assertThatIllegalStateException().isThrownBy(() -> OnnxEmbeddingModel.load(properties))
            .havingRootCause()
            .withMessageContaining("outputs 384 dimensions but rag.embedding.dimensions is 768");
    }

    @Test
    void refusesModelLocationsThatCouldReachTheNetwork() {
        var properties = new EmbeddingProperties(EmbeddingProperties.Provider.ONNX, "https://example.com/model.onnx",
                EmbeddingProperties.DEFAULT_TOKENIZER_URI, "bge", 384, 32, 512, "", 1, 1);

        assertThatIllegalArgumentException().isThrownBy(() -> OnnxEmbeddingModel.load(properties))
            .withMessageContaining("must be a classpath: or file: location");
    }
}
