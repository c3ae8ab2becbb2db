package org.supportrag.eval.experiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.eval.answers.AnswerCase;
import org.supportrag.eval.answers.AnswerMetrics;
import org.supportrag.eval.answers.CaseResult;
import org.supportrag.eval.answers.CaseScorer;
import org.supportrag.eval.answers.Observation;
import org.supportrag.eval.answers.ResultsFile;
import org.supportrag.eval.dataset.DatasetItems;
import org.supportrag.eval.dataset.DatasetVersion;
import org.supportrag.eval.judge.JudgeService;
import org.supportrag.eval.metrics.Percentiles;

/**
 * Works on runs on one virtual thread per replica: leases the oldest queued run (or one whose worker's lease ran
 * out), asks its pending items one at a time, records each result once, then stores the run's metrics. A restart
 * resumes where the run stopped: only items without a result are asked again.
 */
@Component
@RequiredArgsConstructor
class RunWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunWorker.class);

    private final RunRepository runs;
    private final DatasetItems datasets;
    private final PipelineClient pipeline;
    private final RunProperties properties;
    private final JudgeService judge;
    private final BeirSearch beir;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ResultsFile resultsFile = new ResultsFile();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private volatile boolean running;
    private @Nullable Thread thread;

    @Override
    public void start() {
        running = true;
        if (properties.enabled()) {
            thread = Thread.ofVirtual().name("eval-run-worker").start(this::loop);
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread worker = thread;
        if (worker != null) {
            worker.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                Optional<RunRepository.ClaimedRun> claimed = runs.claim(properties.lease());
                if (claimed.isPresent()) {
                    work(claimed.get());
                    continue;
                }
            }
            catch (RuntimeException ex) {
                if (!running) {
                    return;
                }
                log.warn("Evaluation run worker failed: {}", ex.toString());
            }
            try {
                Thread.sleep(properties.pollInterval());
            }
            catch (InterruptedException ex) {
                return;
            }
        }
    }

    /** Asks the run's pending items; package-private so tests can drive one run without the thread. */
    void work(RunRepository.ClaimedRun run) {
        Optional<DatasetVersion> version = datasets.byId(run.tenantId(), run.datasetId());
        if (version.isEmpty()) {
            runs.fail(run.id(), "the dataset version no longer exists");
            return;
        }
        if (version.get().kind().equals(DatasetVersion.BEIR)) {
            workBeir(run, version.get());
            return;
        }
        Map<String, AnswerCase> items = new LinkedHashMap<>();
        datasets.items(version.get()).forEach(item -> items.put(item.id(), item));
        for (String key : runs.pendingItems(run.id())) {
            if (!running || !runs.renew(run.id(), properties.lease())) {
                return;
            }
            AnswerCase item = items.get(key);
            if (item == null) {
                continue;
            }
            PipelineClient.Asked asked = pipeline.ask(run.tenantId(), run.id(), run.variant(), run.knowledgeBase(),
                    item);
            CaseResult result = judged(run.tenantId(), item, asked.observation(),
                    CaseScorer.score(item, asked.observation()));
            runs.record(run.id(), result, resultsFile.toLine(result), asked.promptVersions());
        }
        List<CaseResult> results = parse(runs.results(run.id()));
        runs.complete(run.id(), AnswerMetrics.of(version.get().name() + "@v" + version.get().version(), results)
            .toMap());
    }

    /** A BEIR run: every query searched through retrieval, scored by nDCG@10, Recall@100 and MRR@10. */
    private void workBeir(RunRepository.ClaimedRun run, DatasetVersion version) {
        Map<String, DatasetItems.BeirItem> items = new LinkedHashMap<>();
        datasets.beirItems(version).forEach(item -> items.put(item.id(), item));
        for (String key : runs.pendingItems(run.id())) {
            if (!running || !runs.renew(run.id(), properties.lease())) {
                return;
            }
            DatasetItems.BeirItem item = items.get(key);
            if (item != null) {
                runs.recordLine(run.id(), key, beir.score(run.tenantId(), run.id(), run.variant(),
                        run.knowledgeBase(), item));
            }
        }
        List<Map<String, Object>> lines = runs.results(run.id()).stream()
            .map(line -> json.readValue(line, OBJECT))
            .toList();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("dataset", version.name() + "@v" + version.version());
        metrics.put("queries", lines.size());
        for (String key : List.of("ndcg_at_10", "recall_at_100", "mrr_at_10")) {
            metrics.put(key, Math.round(lines.stream().mapToDouble(line -> number(line, key))
                .average()
                .orElse(0) * 10_000) / 10_000.0);
        }
        List<Double> latencies = lines.stream().map(line -> number(line, "latency_ms")).toList();
        metrics.put("p50_ms", Percentiles.of(latencies, 50));
        metrics.put("p95_ms", Percentiles.of(latencies, 95));
        metrics.put("errors", lines.stream().filter(line -> line.get("error") != null).count());
        runs.complete(run.id(), metrics);
    }

    /**
     * With a judge configured, an answer (not an error, not a hand-over) of an item expecting one gets the judge's
     * correctness (against the reference when there is one, else the cited sources) and faithfulness. A judge that
     * fails leaves the item without verdicts; the deterministic metrics stand.
     */
    private CaseResult judged(String tenant, AnswerCase item, Observation observation, CaseResult result) {
        if (!judge.configured() || !item.type().expectsAnswer() || observation.error() != null
                || observation.escalated()) {
            return result;
        }
        List<String> sources = observation.citations().stream()
            .map(citation -> citation.title() + ": " + citation.snippet())
            .toList();
        try {
            JudgeService.CorrectnessVerdict correct = judge.correctness(tenant, null, item.turns().getLast(),
                    observation.answer(), item.reference(), sources, null);
            JudgeService.FaithfulnessVerdict faithful = judge.faithfulness(tenant, null, observation.answer(),
                    sources, null);
            return result.withJudge("correct".equals(correct.verdict()), faithful.score());
        }
        catch (RuntimeException ex) {
            log.warn("The judge failed on a run item: {}", ex.toString());
            return result;
        }
    }

    private List<CaseResult> parse(List<String> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        try {
            return resultsFile.read(new BufferedReader(new StringReader(String.join("\n", lines))), "run");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public int getPhase() {
        // Stop before the web server and the data source.
        return Integer.MAX_VALUE - 10;
    }

    /** A figure every scored BEIR line carries. */
    private static double number(Map<String, Object> line, String key) {
        return ((Number) Objects.requireNonNull(line.get(key), key)).doubleValue();
    }
}
