package org.supportrag.generation.confidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.supportrag.contracts.retrieval.v1.QueryTerm;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.embedding.EmbeddingProperties;
import org.supportrag.defaults.embedding.OnnxEmbeddingModel;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.generation.GenerationProperties;
import org.supportrag.generation.answer.Answer;
import org.supportrag.generation.answer.AnswerStream;
import org.supportrag.generation.answer.ExtractiveAnswerer;
import org.supportrag.generation.answer.Question;
import org.supportrag.generation.guardrail.TenantPolicy;

/**
 * Runs an answer-level dataset through generation's offline path with real retrieval: the gateway's search (as chat
 * searches), the extractive answerer and the confidence scorer with the shipped model and default thresholds, scored
 * as the public interfaces define it. A measurement tool, run on demand:
 * {@code ./mvnw -B -o -pl generation-service test -Dtest=DemoAnswersRun -Danswers.dataset=datasets/demo/answers-tuning.jsonl
 * -Danswers.gateway=http://127.0.0.1:8780 [-Danswers.save=FILE]}. The chat API measurement is {@code ragctl eval answers}.
 */
@EnabledIfSystemProperty(named = "answers.dataset", matches = ".+")
class DemoAnswersRun {

    private static OnnxEmbeddingModel model;
    private static TextEmbedder embedder;
    private static Answerability answerability;
    private ExtractiveAnswerer answerer;
    private ConfidenceScorer scorer;
    private ConfidenceProperties defaults;

    @BeforeAll
    static void load() {
        model = OnnxEmbeddingModel.loadBundled();
        // Cached, so that a sweep of settings (-Danswers.sweep) embeds every sentence once.
        embedder = new CachingEmbedder(
                TextEmbedder.of(model, TokenCounter.bundled(), EmbeddingProperties.defaults()), Long.MAX_VALUE, Long.MAX_VALUE);
        answerability = new Answerability(embedder);
    }

    /**
     * Settings as shipped, changed by {@code key=value} pairs ({@code GenerationProperties.Extractive} and
     * {@code ConfidenceProperties} component names, e.g. {@code maxSentences=4,declineBelow=0.4}).
     */
    private void configure(String changes) {
        Map<String, Double> set = new LinkedHashMap<>();
        for (String pair : changes.split(",")) {
            if (pair.contains("=")) {
                set.put(pair.substring(0, pair.indexOf('=')).strip(),
                        Double.parseDouble(pair.substring(pair.indexOf('=') + 1)));
            }
        }
        ConfidenceProperties shipped = bound(ConfidenceProperties.class);
        defaults = new ConfidenceProperties(set.getOrDefault("caveatBelow", shipped.caveatBelow()),
                set.getOrDefault("escalateBelow", shipped.escalateBelow()), shipped.retrievalWeight(),
                set.getOrDefault("declineBelow", shipped.declineBelow()));
        GenerationProperties.Extractive x = GenerationProperties.Extractive.defaults();
        GenerationProperties.Extractive extractive = new GenerationProperties.Extractive(
                set.getOrDefault("minSimilarity", x.minSimilarity()), set.getOrDefault("rankWeight", x.rankWeight()),
                set.getOrDefault("maxSentences", (double) x.maxSentences()).intValue(),
                set.getOrDefault("margin", x.margin()), x.maxCandidates(),
                set.getOrDefault("typeWeight", x.typeWeight()), set.getOrDefault("lexicalWeight", x.lexicalWeight()));
        answerer = new ExtractiveAnswerer(embedder, TokenCounter.bundled(), extractive, answerability,
                defaults.declineBelow());
        scorer = new ConfidenceScorer(defaults, answerability);
    }

    /** The defaults as Spring binds them ({@code @DefaultValue}s), so the run measures what ships. */
    static ConfidenceProperties bound(Class<ConfidenceProperties> type) {
        return new org.springframework.boot.context.properties.bind.Binder(java.util.List.of())
            .bindOrCreate("rag.generation.confidence", type);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void runsTheDataset() throws IOException {
        for (String changes : System.getProperty("answers.sweep", "").split(";")) {
            configure(changes);
            System.out.println("[answers] settings: " + (changes.isBlank() ? "as shipped" : changes));
            run();
        }
    }

    private void run() throws IOException {
        Path dataset = Path.of(System.getProperty("answers.dataset"));
        if (!dataset.isAbsolute() && !Files.exists(dataset)) {
            dataset = Path.of("..").resolve(dataset);
        }
        DemoCases.Search search = new DemoCases.Search(System.getProperty("answers.gateway", "http://127.0.0.1:8080"),
                System.getProperty("answers.api-key", "demo-admin-key"), System.getProperty("answers.kb", "default"));
        TenantPolicy policy = new TenantPolicy(List.of(), List.of(), defaults.caveatBelow(), defaults.escalateBelow(),
                TenantPolicy.REFUSE);
        List<String> saved = new ArrayList<>();
        int answerable = 0, answerCorrect = 0, citationCorrect = 0, unanswerable = 0, unanswerableCaught = 0;
        int escalatedAnswerable = 0, caught = 0, caughtCorrectly = 0, dangling = 0, inScope = 0;
        boolean verbose = Boolean.getBoolean("answers.verbose");
        DemoCases.Chat chat = "chat".equals(System.getProperty("answers.mode"))
                ? new DemoCases.Chat(System.getProperty("answers.gateway", "http://127.0.0.1:8080"),
                        System.getProperty("answers.widget-key", "demo-widget-key"))
                : null;
        for (DemoCases.Case c : DemoCases.read(dataset)) {
            List<SearchHit> hits;
            String text;
            boolean escalated;
            double confidence;
            double[] features = null;
            if (chat != null) {
                DemoCases.ChatResult result = chat.ask(c);
                hits = result.cited();
                text = result.answer();
                escalated = result.escalated();
                confidence = result.confidence();
                dangling += result.dangling() ? 1 : 0;
            }
            else {
                hits = search.search(c.question());
                List<QueryTerm> terms = search.terms(c.question());
                Answer answer = answerer.answer(new Question(c.question(), hits).withQueryTerms(terms), new Silent());
                Assessment assessment = scorer.assess(policy, Calibration.EXTRACTIVE, c.question(), answer.confidence(),
                        hits, terms, answer.text(), answer.flags());
                escalated = assessment.decision() == Assessment.Decision.ESCALATE;
                text = answer.text();
                confidence = assessment.combined();
                if (!DemoCases.noDangling(text, hits.size())) {
                    dangling++;
                }
                if (verbose) {
                    features = answerabilityFeatures(c.question(), hits, terms, answer);
                }
            }
            boolean declined = confidence < 0.5 && ConfidenceScorer.DECLINE.matcher(text).find();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", c.id());
            row.put("type", c.type());
            row.put("escalated", escalated);
            row.put("declined", declined);
            row.put("confidence", confidence);
            if (escalated || declined) {
                caught++;
                if (c.type().equals("unanswerable")) {
                    caughtCorrectly++;
                }
            }
            if (c.answerable()) {
                answerable++;
                boolean correct = !escalated && DemoCases.factsFound(c, text);
                boolean cited = DemoCases.citationCorrect(c, text, hits);
                answerCorrect += correct ? 1 : 0;
                citationCorrect += correct && cited ? 1 : 0;
                escalatedAnswerable += escalated ? 1 : 0;
                row.put("answer_correct", correct);
                row.put("citation_correct", cited);
            }
            else if (c.type().equals("unanswerable")) {
                unanswerable++;
                unanswerableCaught += escalated || declined ? 1 : 0;
            }
            else {
                inScope++;
                escalatedAnswerable += escalated ? 1 : 0;
            }
            if (verbose) {
                row.put("question", c.question());
                row.put("answer", text);
                if (features != null) {
                    row.put("features", java.util.Arrays.toString(features));
                }
            }
            saved.add(DemoCases.JSON.writeValueAsString(row));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("dataset", dataset.getFileName().toString());
        summary.put("mode", chat != null ? "chat" : "in-process");
        summary.put("answerable", answerable);
        summary.put("answer_correct", ratio(answerCorrect, answerable));
        summary.put("answer_and_citation_correct", ratio(citationCorrect, answerable));
        summary.put("unanswerable", unanswerable);
        summary.put("unanswerable_recall", ratio(unanswerableCaught, unanswerable));
        summary.put("escalated_or_declined_precision", ratio(caughtCorrectly, caught));
        summary.put("answerable_escalated", ratio(escalatedAnswerable, answerable + inScope));
        summary.put("dangling_citations", dangling);
        String save = System.getProperty("answers.save");
        if (save != null) {
            saved.add(DemoCases.JSON.writeValueAsString(summary));
            Files.write(Path.of(save), saved);
        }
        System.out.println(DemoCases.JSON.writeValueAsString(summary));
    }

    private static double[] answerabilityFeatures(String question, List<SearchHit> hits, List<QueryTerm> terms,
            Answer answer) {
        return answerability.features(question, hits, answer.text(), terms).values();
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
    }

    private static final class Silent implements AnswerStream {

        @Override
        public void token(String text) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    }
}
