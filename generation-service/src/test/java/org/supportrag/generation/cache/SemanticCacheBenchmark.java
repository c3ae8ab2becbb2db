package org.supportrag.generation.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestSecrets;
import org.supportrag.generation.conversation.Citation;

/**
 * {@code bin/bench.d/50-semantic-cache}: the answer cache on the paraphrase set through its real lookup path (exact
 * key, pgvector nearest neighbours, guard) against PostgreSQL, among {@value #FILLER} other cached questions of the
 * same key. Prints one JSON object per measurement and writes them plus a Markdown section to the files named by
 * system properties {@code bench.output} and {@code bench.markdown}. Not a test (no {@code *Tests} name): run it
 * explicitly with {@code -Dtest=SemanticCacheBenchmark}.
 *
 * <p>
 * The retrieval re-check is neutralized (every cited chunk counts as retrieved), so the rates measure the question
 * matcher alone; in the product that re-check is one more guard against wrong hits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET)
@Import(PostgresTestConfiguration.class)
class SemanticCacheBenchmark {

    static final int FILLER = 500;
    static final int ROUNDS = 3;

    @Autowired
    SemanticAnswerCache cache;

    @Autowired
    TextEmbedder embedder;

    @Autowired
    JdbcClient jdbc;

    @Test
    void measure() throws IOException {
        String tenant = "bench-" + UUID.randomUUID();
        CacheKey key = CacheKey.of(tenant, "default", List.of(), null);
        List<ParaphraseSet.Pair> pairs = ParaphraseSet.load();
        try {
            Map<String, Citation> cached = new LinkedHashMap<>();
            for (ParaphraseSet.Pair pair : pairs) {
                cached.computeIfAbsent(pair.cached(), question -> store(key, question));
            }
            for (String question : filler()) {
                if (!cached.containsKey(question)) {
                    store(key, question);
                }
            }
            List<SearchHit> everything = jdbc.sql("""
                    SELECT (citations -> 0 ->> 'chunkId')::uuid FROM generation.answer_cache WHERE tenant_id = ?""")
                .param(tenant)
                .query(UUID.class)
                .list()
                .stream()
                .map(chunk -> new SearchHit(chunk, UUID.randomUUID(), "t", null, null, "x", 1, 0))
                .toList();
            int entries = everything.size();

            // Warm-up: JIT, connection pool, ONNX session.
            for (int i = 0; i < 20; i++) {
                cache.lookup(key, pairs.get(i % pairs.size()).candidate(), everything);
            }
            int same = 0;
            int hits = 0;
            int different = 0;
            int wrongHits = 0;
            int wrongEntries = 0;
            List<String> misses = new ArrayList<>();
            List<Double> semantic = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (ParaphraseSet.Pair pair : pairs) {
                    long started = System.nanoTime();
                    Optional<CachedAnswer> found = cache.lookup(key, pair.candidate(), everything);
                    semantic.add((System.nanoTime() - started) / 1e6);
                    if (round > 0) {
                        continue;
                    }
                    boolean rightEntry = found.isPresent()
                            && found.get().citations().getFirst().equals(cached.get(pair.cached()));
                    if (pair.same()) {
                        same++;
                        hits += rightEntry ? 1 : 0;
                        if (!rightEntry) {
                            misses.add("\"" + pair.cached() + "\" → \"" + pair.candidate() + "\"");
                        }
                        wrongEntries += found.isPresent() && !rightEntry ? 1 : 0;
                    }
                    else {
                        different++;
                        wrongHits += found.isPresent() ? 1 : 0;
                        if (found.isPresent()) {
                            misses.add("WRONG HIT: \"" + pair.cached() + "\" → \"" + pair.candidate() + "\"");
                        }
                    }
                }
            }
            List<Double> exact = new ArrayList<>();
            List<Double> embedding = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (String question : cached.keySet()) {
                    long started = System.nanoTime();
                    cache.lookup(key, question, everything);
                    exact.add((System.nanoTime() - started) / 1e6);
                    started = System.nanoTime();
                    embedder.embedDocuments(List.of(question));
                    embedding.add((System.nanoTime() - started) / 1e6);
                }
            }
            List<String> lines = List.of(
                    json("hit_rate", String.format(Locale.ROOT, "\"value\": %.3f, \"hits\": %d, \"pairs\": %d",
                            (double) hits / same, hits, same)),
                    json("wrong_hit_rate", String.format(Locale.ROOT, "\"value\": %.3f, \"wrong_hits\": %d, "
                            + "\"pairs\": %d, \"reworded_answered_with_another_entry\": %d",
                            (double) wrongHits / different, wrongHits, different, wrongEntries)),
                    json("lookup_semantic_ms", percentiles(semantic) + ", \"entries\": " + entries),
                    json("lookup_exact_ms", percentiles(exact) + ", \"entries\": " + entries),
                    json("embed_question_ms", percentiles(embedding)));
            lines.forEach(System.out::println);
            write("bench.output", String.join("\n", lines) + "\n");
            write("bench.markdown", markdown(hits, same, wrongHits, wrongEntries, different, semantic, exact, embedding,
                    entries) + "\nNot answered from the cache (cached question → new question):\n\n"
                    + String.join("\n", misses.stream().map(miss -> "- " + miss).toList()) + "\n");
        }
        finally {
            jdbc.sql("DELETE FROM generation.answer_cache WHERE tenant_id = ?").param(tenant).update();
        }
    }

    private Citation store(CacheKey key, String question) {
        Citation citation = new Citation(1, UUID.randomUUID(), UUID.randomUUID(), "Bench", null, "snippet");
        if (!cache.offer(key, new Cacheable(question, "Answer to: " + question + " [1]", List.of(citation), 0.9,
                "bench", null, 100, 20, 0), List.of(), false)) {
            throw new IllegalStateException("The cache refused a benchmark entry");
        }
        return citation;
    }

    /** Distinct support questions, none from the paraphrase set. */
    private static List<String> filler() {
        String[] actions = { "update", "find", "download", "share", "print", "schedule", "archive", "rename",
            "merge", "copy" };
        String[] things = { "invoice", "shipping address", "packing slip", "pickup", "return label", "customs note",
            "order note", "sender profile", "barcode", "insurance claim" };
        String[] places = { "on mobile", "for a marketplace order", "in bulk", "for an international parcel",
            "after checkout" };
        List<String> questions = new ArrayList<>();
        for (String place : places) {
            for (String action : actions) {
                for (String thing : things) {
                    questions.add("How do I " + action + " a " + thing + " " + place + "?");
                }
            }
        }
        return questions.subList(0, Math.min(FILLER, questions.size()));
    }

    private static String json(String metric, String fields) {
        return "{\"benchmark\": \"semantic-cache\", \"metric\": \"" + metric + "\", " + fields + "}";
    }

    private static String percentiles(List<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "\"p50\": %.2f, \"p95\": %.2f, \"n\": %d", percentile(sorted, 50),
                percentile(sorted, 95), sorted.length);
    }

    private static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String markdown(int hits, int same, int wrongHits, int wrongEntries, int different, List<Double> semantic,
            List<Double> exact, List<Double> embedding, int entries) {
        double[] s = semantic.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] e = exact.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] m = embedding.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, """
                ## Semantic answer cache (`bin/bench.d/50-semantic-cache`)

                Paraphrase set `generation-service/src/test/resources/cache/paraphrases.tsv` (%d reworded pairs that \
                must hit, %d similar-but-different pairs that must not), looked up through the cache's real path \
                (exact key, pgvector nearest neighbours, guard) among %d cached questions of one key in PostgreSQL. \
                The retrieval re-check is neutralized here, so the rates are the question matcher's alone. Defaults: \
                similarity threshold %.2f, swap threshold %.2f. Latency: %d rounds, in-process, after warm-up; the \
                question embedding alone is the baseline measured in the same run.

                | metric | value |
                |---|---|
                | hit rate (reworded questions answered from the cache) | %.3f (%d/%d) |
                | wrong-hit rate (similar-but-different questions answered from the cache) | %.3f (%d/%d) |
                | reworded questions answered with another question's entry | %d |
                | semantic lookup p50 / p95 | %.1f / %.1f ms |
                | exact lookup p50 / p95 | %.1f / %.1f ms |
                | baseline: embedding one question p50 / p95 | %.1f / %.1f ms |
                | semantic lookup p50 / embedding p50 | %.2f× |
                | machine load average (1 min) at the end, %d CPUs | %.1f |

                Reading: the misses are the price of the guard. Rewordings that swap the main verb or noun for one \
                the model does not embed alike ("accept" → "pay with", "support hours" → "team available") fall \
                below the similarity threshold or fail the swapped-words check; lowering either threshold turns \
                similar-but-different pairs ("Pro" vs "Business" plan, "cancel" vs "pause") into wrong hits first. \
                A miss costs one normal turn; a wrong hit gives a wrong answer. Latency: the semantic path is one \
                question embedding, one exact and one nearest-neighbour query, and for alike candidates one more \
                embedding of the swapped words; the machine was heavily shared during the run (load above), so \
                absolute figures are inflated.
                """, same, different, entries, CacheProperties.defaults().similarityThreshold(),
                CacheProperties.defaults().swapThreshold(), ROUNDS, (double) hits / same, hits, same,
                (double) wrongHits / different, wrongHits, different, wrongEntries, percentile(s, 50),
                percentile(s, 95), percentile(e, 50), percentile(e, 95), percentile(m, 50), percentile(m, 95),
                percentile(s, 50) / percentile(m, 50), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void write(String property, String content) throws IOException {
        String file = System.getProperty(property);
        if (file != null && !file.isBlank()) {
            Files.writeString(Path.of(file), content, StandardCharsets.UTF_8);
        }
    }

}
