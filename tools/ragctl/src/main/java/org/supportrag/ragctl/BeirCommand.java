package org.supportrag.ragctl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.supportrag.eval.beir.BeirFormatException;
import org.supportrag.eval.beir.BeirQuery;
import org.supportrag.eval.beir.BeirReader;
import org.supportrag.eval.metrics.Percentiles;
import org.supportrag.eval.metrics.RetrievalScores;

@Command(name = "beir", mixinStandardHelpOptions = true,
        description = { "Evaluates retrieval on a dataset in the BEIR layout (corpus.jsonl, queries.jsonl, "
                + "qrels/<split>.tsv).",
                "Ingests the corpus into a knowledge base of its own, named after the dataset and a hash of "
                        + "corpus.jsonl (a second run reuses it; unchanged documents are skipped), runs every query "
                        + "of the split through the gateway's POST /api/v1/search (topK 100) and prints nDCG@10, "
                        + "Recall@100, MRR@10 and the p50/p95 latency of the search calls.",
                "A query's metadata.context (earlier turns, speaker U or S) is sent as the search's conversation "
                        + "history unless --no-history." })
final class BeirCommand implements Callable<Integer> {

    static final int TOP_K = 100;

    /** Search modes; {@code full} sends no mode, so the service's default pipeline runs. */
    enum Mode {
        lexical, dense, hybrid, full;

        @Nullable String wireValue() {
            return this == full ? null : name();
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The dataset folder.")
    Path dir = Path.of(".");

    @Option(names = "--split", defaultValue = "test", paramLabel = "NAME",
            description = "The qrels split whose queries are run (default: ${DEFAULT-VALUE}).")
    String split = "test";

    @Option(names = "--mode", defaultValue = "full", paramLabel = "MODE",
            description = "lexical, dense, hybrid or full (the product's default pipeline; default: ${DEFAULT-VALUE}).")
    Mode mode = Mode.full;

    @Option(names = "--no-history",
            description = "Do not pass earlier conversation turns (a query's metadata.context) as search history.")
    boolean noHistory;

    @Option(names = "--limit", paramLabel = "N", description = "Run only the first N queries of the split.")
    @Nullable Integer limit;

    @Option(names = "--json", description = "End with one line holding the results as a JSON object.")
    boolean json;

    GatewayOptions gateway() {
        return GatewayOptions.of(spec);
    }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(dir.resolve("corpus.jsonl")) || !Files.isRegularFile(dir.resolve("queries.jsonl"))) {
            throw new CliException(dir + " is not a BEIR dataset (corpus.jsonl and queries.jsonl expected)");
        }
        if (!Files.isRegularFile(dir.resolve("qrels").resolve(split + ".tsv"))) {
            throw new CliException("no split '" + split + "': " + dir.resolve("qrels").resolve(split + ".tsv")
                    + " does not exist");
        }
        if (limit != null && limit < 1) {
            throw new CliException("--limit must be at least 1");
        }
        String dataset = dir.toAbsolutePath().normalize().getFileName().toString();
        GatewayClient client = gateway().client();
        BeirReader reader = new BeirReader(GatewayClient.JSON);
        try {
            String knowledgeBase = BeirIds.knowledgeBase(dataset, BeirIds.sha256(dir.resolve("corpus.jsonl")));
            ingest(client, reader, knowledgeBase);
            Map<String, Map<String, Integer>> qrels = selectQueries(reader.readQrels(dir, split), limit);
            Map<String, BeirQuery> queries = reader.readQueries(dir);
            Run run = search(client, knowledgeBase, qrels, queries);
            RetrievalScores scores = RetrievalScores.of(qrels, run.rankings());
            Result result = new Result(dataset, split, mode.name(), scores.queries(), scores.ndcgAt10(),
                    scores.recallAt100(), scores.mrrAt10(), Percentiles.of(run.latenciesMs(), 50),
                    Percentiles.of(run.latenciesMs(), 95), run.contextTokens(), run.tokensSaved());
            System.out.println(result.text());
            if (json) {
                System.out.println(result.json());
            }
            return 0;
        }
        catch (BeirFormatException ex) {
            throw new CliException(ex.getMessage());
        }
    }

    private void ingest(GatewayClient client, BeirReader reader, String knowledgeBase) {
        long documents;
        try (var lines = Files.lines(dir.resolve("corpus.jsonl"))) {
            documents = lines.filter(line -> !line.isBlank()).count();
        }
        catch (java.io.IOException ex) {
            throw new CliException("cannot read corpus.jsonl: " + ex.getMessage());
        }
        System.err.println("Ingesting " + documents + " documents into knowledge base '" + knowledgeBase + "'");
        long started = System.nanoTime();
        Uploader uploader = new Uploader(client, knowledgeBase, Uploader.MAX_FILES_PER_REQUEST,
                new Progress("ingesting", documents));
        reader.readCorpus(dir, document -> uploader.add(new GatewayClient.Upload(BeirIds.fileName(document.id()),
                BeirIds.content(document.title(), document.text()).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        Uploader.Summary summary = uploader.finish();
        System.err.printf("Ingested in %.1f s: %s%n", (System.nanoTime() - started) / 1e9, summary.line());
        if (summary.failed() > 0) {
            summary.failures().entrySet().stream().limit(10)
                .forEach(failure -> System.err.println("  failed: " + failure.getKey() + " (" + failure.getValue() + ")"));
            throw new CliException(summary.failed() + " corpus document(s) could not be ingested");
        }
    }

    /** The split's judged queries in file order, the first {@code limit} of them when given. */
    static Map<String, Map<String, Integer>> selectQueries(Map<String, Map<String, Integer>> qrels,
            @Nullable Integer limit) {
        Map<String, Map<String, Integer>> selected = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Integer>> entry : qrels.entrySet()) {
            if (limit != null && selected.size() >= limit) {
                break;
            }
            selected.put(entry.getKey(), entry.getValue());
        }
        return selected;
    }

    private record Run(Map<String, List<String>> rankings, List<Double> latenciesMs, long contextTokens,
            long tokensSaved) {
    }

    private Run search(GatewayClient client, String knowledgeBase, Map<String, Map<String, Integer>> qrels,
            Map<String, BeirQuery> queries) {
        Map<String, List<String>> rankings = new LinkedHashMap<>();
        List<Double> latencies = new ArrayList<>();
        long contextTokens = 0;
        long tokensSaved = 0;
        Progress progress = new Progress("searching (" + mode + ")", qrels.size());
        for (String queryId : qrels.keySet()) {
            BeirQuery query = queries.get(queryId);
            if (query == null) {
                throw new CliException("query '" + queryId + "' of qrels/" + split + ".tsv is not in queries.jsonl");
            }
            long started = System.nanoTime();
            GatewayClient.SearchResult found = client.search(knowledgeBase, query.text(), TOP_K, mode.wireValue(),
                    noHistory ? List.of() : history(query));
            latencies.add((System.nanoTime() - started) / 1e6);
            rankings.put(queryId, ranking(found.hits()));
            contextTokens += found.contextTokens();
            tokensSaved += found.tokensSaved();
            progress.update(latencies.size());
        }
        progress.finish();
        return new Run(rankings, latencies, contextTokens, tokensSaved);
    }

    /** A query's earlier turns as search history: speaker U is the user, anything else (S) the assistant. */
    static List<GatewayClient.Turn> history(BeirQuery query) {
        return query.context().stream()
            .map(turn -> new GatewayClient.Turn("U".equalsIgnoreCase(turn.speaker()) ? "user" : "assistant",
                    turn.text()))
            .toList();
    }

    /** Chunk hits to BEIR document ids, best first; a document's later chunks are dropped by the metrics. */
    static List<String> ranking(List<GatewayClient.Hit> hits) {
        List<String> ids = new ArrayList<>();
        for (GatewayClient.Hit hit : hits) {
            String id = BeirIds.documentId(hit.sourceUri());
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * @param contextTokens tokens of all returned chunk texts over the run (after compression, when it ran)
     * @param tokensSaved   tokens context compression removed over the run
     */
    record Result(String dataset, String split, String mode, int queries, double ndcgAt10, double recallAt100,
            double mrrAt10, double p50Ms, double p95Ms, long contextTokens, long tokensSaved) {

        Result(String dataset, String split, String mode, int queries, double ndcgAt10, double recallAt100,
                double mrrAt10, double p50Ms, double p95Ms) {
            this(dataset, split, mode, queries, ndcgAt10, recallAt100, mrrAt10, p50Ms, p95Ms, 0, 0);
        }

        String text() {
            return String.format(java.util.Locale.ROOT,
                    "%s/%s mode=%s queries=%d  nDCG@10 %.4f  Recall@100 %.4f  MRR@10 %.4f  search p50 %.1f ms  p95 %.1f ms"
                            + "  context tokens %d (compression saved %d)",
                    dataset, split, mode, queries, ndcgAt10, recallAt100, mrrAt10, p50Ms, p95Ms, contextTokens,
                    tokensSaved);
        }

        String json() {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("dataset", dataset);
            object.put("split", split);
            object.put("mode", mode);
            object.put("queries", queries);
            object.put("ndcg@10", round(ndcgAt10, 4));
            object.put("recall@100", round(recallAt100, 4));
            object.put("mrr@10", round(mrrAt10, 4));
            object.put("p50_ms", round(p50Ms, 1));
            object.put("p95_ms", round(p95Ms, 1));
            object.put("context_tokens", contextTokens);
            object.put("tokens_saved", tokensSaved);
            return GatewayClient.JSON.writeValueAsString(object);
        }

        private static double round(double value, int digits) {
            double scale = Math.pow(10, digits);
            return Math.round(value * scale) / scale;
        }
    }
}
