package org.supportrag.generation.answer;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.embedding.EmbeddingProperties;
import org.supportrag.defaults.embedding.OnnxEmbeddingModel;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.defaults.testsupport.CountingEmbedder;
import org.supportrag.generation.GenerationProperties;
import org.supportrag.generation.confidence.CachingEmbedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PassagePrefetchTests {

    private static final SearchHit REFUNDS = ExtractiveAnswererTests.hit("Refunds", """
            Refunds are issued to the original payment method. They arrive within 5 to 10 business days after we \
            receive the returned item. Gift cards are not refundable.""", 0.8);
    private static final SearchHit SHIPPING = ExtractiveAnswererTests.hit("Shipping", """
            Standard shipping takes 3 to 5 business days. Express delivery arrives the next business day for \
            orders placed before 2 pm.""", 0.6);

    private static OnnxEmbeddingModel model;

    @BeforeAll
    static void loadModel() {
        model = OnnxEmbeddingModel.loadBundled();
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @Test
    void aContextPrefetchedWhileModelsAnswerCostsTheFallbackOnlyItsQuestion() {
        CountingEmbedder counting = new CountingEmbedder(TextEmbedder.of(model, TokenCounter.bundled(), EmbeddingProperties.defaults()));
        CachingEmbedder cache = CachingEmbedder.of(counting);
        try (PassagePrefetch prefetch = new PassagePrefetch(cache, 100, Duration.ZERO)) {
            ExtractiveAnswerer answerer = new ExtractiveAnswerer(cache, TokenCounter.bundled(),
                    GenerationProperties.Extractive.defaults(), null, 0, prefetch);

            answerer.prefetch(List.of(REFUNDS, SHIPPING));
            await().atMost(Duration.ofSeconds(20)).until(() -> prefetch.embedded() >= 5);
            int passagesBefore = counting.passages.get();

            Answer answer = answerer.answer(new Question("How long until my refund arrives?",
                    List.of(REFUNDS, SHIPPING)), new ExtractiveAnswererTests.Recorded());

            assertThat(answer.text()).contains("5 to 10 business days");
            assertThat(counting.passages.get()).as("sentences embedded while answering").isEqualTo(passagesBefore);
        }
    }

    @Test
    void embedsEachSentenceOnceHoweverOftenItsContextComesBack() {
        CountingEmbedder counting = new CountingEmbedder(TextEmbedder.of(model, TokenCounter.bundled(), EmbeddingProperties.defaults()));
        CachingEmbedder cache = CachingEmbedder.of(counting);
        try (PassagePrefetch prefetch = new PassagePrefetch(cache, 100, Duration.ZERO)) {
            ExtractiveAnswerer answerer = new ExtractiveAnswerer(cache, TokenCounter.bundled(),
                    GenerationProperties.Extractive.defaults(), null, 0, prefetch);

            for (int i = 0; i < 5; i++) {
                answerer.prefetch(List.of(REFUNDS));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> prefetch.embedded() >= 3);
            answerer.prefetch(List.of(REFUNDS));

            assertThat(prefetch.embedded()).isEqualTo(3);
            assertThat(counting.passages.get()).isEqualTo(3);
        }
    }

    @Test
    void dropsWhatDoesNotFitItsQueueWithoutWaiting() {
        CountingEmbedder counting = new CountingEmbedder(TextEmbedder.of(model, TokenCounter.bundled(), EmbeddingProperties.defaults()));
        CachingEmbedder cache = CachingEmbedder.of(counting);
        try (PassagePrefetch prefetch = new PassagePrefetch(cache, 2, Duration.ofSeconds(5))) {
            ExtractiveAnswerer answerer = new ExtractiveAnswerer(cache, TokenCounter.bundled(),
                    GenerationProperties.Extractive.defaults(), null, 0, prefetch);

            long started = System.nanoTime();
            answerer.prefetch(List.of(REFUNDS, SHIPPING));
            answerer.prefetch(List.of(SHIPPING, REFUNDS));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            // One batch taken at once (at most two sentences queued, then the five-second pause): the rest dropped.
            await().atMost(Duration.ofSeconds(20)).until(() -> prefetch.embedded() >= 1);
            assertThat(prefetch.embedded()).isLessThanOrEqualTo(2);
        }
    }
}
