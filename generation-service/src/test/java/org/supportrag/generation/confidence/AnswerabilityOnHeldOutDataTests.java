package org.supportrag.generation.confidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.supportrag.defaults.embedding.EmbeddingProperties;
import org.supportrag.defaults.embedding.OnnxEmbeddingModel;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.generation.answer.ExtractiveAnswerer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped answerability model on data it was not fitted or tuned on: FeedbackQA test questions (the trainer
 * uses train and dev only), each answered once with a gold passage among five retrieved ones and once with every
 * gold passage withheld.
 */
class AnswerabilityOnHeldOutDataTests {

    private static double aucOf(List<AnswerabilityTrainer.Example> examples,
            java.util.function.ToDoubleFunction<AnswerabilityTrainer.Example> score) {
        List<double[]> scored = examples.stream()
            .map(e -> new double[] { score.applyAsDouble(e), e.label() })
            .sorted(java.util.Comparator.comparingDouble(x -> x[0]))
            .toList();
        long positives = scored.stream().filter(x -> x[1] == 1).count();
        long negatives = scored.size() - positives;
        double rankSum = 0;
        for (int i = 0; i < scored.size(); i++) {
            // Ties share their mean rank.
            int j = i;
            while (j + 1 < scored.size() && scored.get(j + 1)[0] == scored.get(i)[0]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (scored.get(k)[1] == 1) {
                    rankSum += rank;
                }
            }
            i = j;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * negatives);
    }

    @Test
    void separatesAnswerableFromUnanswerableQuestionsItHasNeverSeen() throws IOException {
        String dataset = System.getProperty("heldout.dataset", "scifact");
        Path shared = Path.of("../../shared/datasets/" + dataset);
        assertThat(shared.resolve("corpus.jsonl"))
            .as("../shared/datasets/" + dataset + " is required for this test (see ../shared/README.md)")
            .exists();
        double[] model = Answerability.loadModel();
        try (OnnxEmbeddingModel onnx = OnnxEmbeddingModel.loadBundled()) {
            TextEmbedder embedder = new CachingEmbedder(
                    TextEmbedder.of(onnx, TokenCounter.bundled(), EmbeddingProperties.defaults()), Long.MAX_VALUE, Long.MAX_VALUE);
            ExtractiveAnswerer drafts = AnswerabilityTrainer.drafts(embedder);
            Answerability answerability = new Answerability(embedder, model);
            List<AnswerabilityTrainer.Example> examples = AnswerabilityTrainer.beir(dataset + "-test",
                    AnswerabilityTrainer.corpus(shared.resolve("corpus.jsonl")), shared, "test", Integer.getInteger("heldout.queries", 20), true,
                    new Random(7), drafts, answerability);
            double[] weights = java.util.Arrays.copyOfRange(model, 1, model.length);

            double auc = aucOf(examples, e -> Answerability.probability(model[0], weights, e.features()));
            double answerable = examples.stream().filter(e -> e.label() == 1)
                .mapToDouble(e -> Answerability.probability(model[0], weights, e.features())).average().orElse(0);
            double unanswerable = examples.stream().filter(e -> e.label() == 0)
                .mapToDouble(e -> Answerability.probability(model[0], weights, e.features())).average().orElse(1);
            System.out.printf(Locale.ROOT, "held-out " + dataset + " test: %d examples, AUC %.3f, mean confidence "
                    + "answerable %.3f, unanswerable %.3f%n", examples.size(), auc, answerable, unanswerable);

            // Today's blend of retrieval scores and groundedness on the same answers, for comparison.
            ConfidenceScorer legacy = new ConfidenceScorer(new ConfidenceProperties(0.5, 0.3, 0.4));
            org.supportrag.generation.guardrail.TenantPolicy policy = new org.supportrag.generation.guardrail.TenantPolicy(
                    List.of(), List.of(), 0.5, 0.3, org.supportrag.generation.guardrail.TenantPolicy.REFUSE);
            double legacyAuc = aucOf(examples, e -> legacy.assess(policy, e.context(),
                    e.answer().isEmpty() ? "I couldn't find an answer to that." : e.answer(), List.of()).combined());
            System.out.printf(Locale.ROOT, "held-out %s test: AUC of the previous confidence %.3f%n", dataset,
                    legacyAuc);

            assertThat(auc).isGreaterThan(0.65);
            assertThat(auc).isGreaterThan(legacyAuc + 0.05);
            assertThat(answerable).isGreaterThan(unanswerable);
        }
    }
}
