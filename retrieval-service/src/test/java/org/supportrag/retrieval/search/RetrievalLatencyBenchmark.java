package org.supportrag.retrieval.search;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import javax.sql.DataSource;

import com.pgvector.PGvector;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.contracts.retrieval.v1.SearchFilters;
import org.supportrag.contracts.retrieval.v1.SearchRequest;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.retrieval.RetrievalApplication;
import org.supportrag.retrieval.RetrievalProperties;

/**
 * {@code bin/bench.d/30-retrieval-latency}: the retrieval service in this JVM against a real PostgreSQL with a
 * synthetic knowledge base of {@code BENCH_CHUNKS} chunks (clustered random vectors, pseudo-word text with a Zipf-like
 * word distribution; created once, reused). Measures, per mode (dense, full) and client count (1, 8, 32), the
 * latency of {@code POST /api/v1/search} over HTTP against the same SQL (the service's own VectorSearch and
 * LexicalSearch beans, i.e. the same statements on the same pool) run directly in the same run; and HNSW recall@10
 * against exact search per ef_search. Prints one JSON object per measurement; writes a Markdown table to the file named
 * by the first argument.
 */
public final class RetrievalLatencyBenchmark {

    static final String TENANT = "bench-latency";
    static final int DIMENSIONS = 384;
    static final int CLUSTERS = 1000;
    static final int VOCABULARY = 5000;
    static final int QUERIES = 200;
    /** Smaller knowledge bases are skipped by the real-vector recall measurement. */
    static final int REAL_MIN_CHUNKS = 1000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RetrievalLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path markdown = Path.of(args.length > 0 ? args[0] : "target/retrieval-latency.md");
        int chunks = Integer.parseInt(env("BENCH_CHUNKS", "100000"));
        int perClient = Integer.parseInt(env("BENCH_REQUESTS_PER_CLIENT", "20"));
        String knowledgeBase = "bench-" + chunks;
        String secret = HexFormat.of().formatHex(new Random().ints(32, 0, 256).collect(
                java.io.ByteArrayOutputStream::new, java.io.ByteArrayOutputStream::write, (a, b) -> {
                }).toByteArray());
        // Command-line arguments: they outrank the service defaults' own placeholders.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RetrievalApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + env("RAG_DB_URL", "jdbc:postgresql://127.0.0.1:5432/supportrag"),
                "--spring.datasource.username=" + env("RAG_DB_USER", "supportrag"),
                "--spring.datasource.password=" + env("RAG_DB_PASSWORD", "supportrag"),
                "--spring.datasource.hikari.maximum-pool-size=40", "--rag.security.internal.secret=" + secret,
                "--management.tracing.sampling.probability=0", "--logging.level.root=ERROR",
                "--spring.main.banner-mode=off");
        try {
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
            DataSource dataSource = context.getBean(DataSource.class);
            Random random = new Random(42);
            float[][] centers = new float[CLUSTERS][];
            for (int i = 0; i < CLUSTERS; i++) {
                centers[i] = randomVector(random, null, 1);
            }
            seed(dataSource, knowledgeBase, chunks, centers);
            List<String> lines = new ArrayList<>();
            lines.addAll(recall(dataSource, knowledgeBase, centers));
            lines.addAll(latency(context, port, knowledgeBase, perClient));
            writeMarkdown(markdown, chunks, lines);
        }
        finally {
            context.close();
        }
    }

    // ------------------------------------------------------------------ data

    static String word(int index) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(("w" + index).getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(digest).substring(0, 7);
            StringBuilder word = new StringBuilder();
            for (char c : hex.toCharArray()) {
                word.append(Character.isDigit(c) ? (char) ('g' + (c - '0')) : c);
            }
            return word.toString();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Word indexes skewed to the front (a few common words, a long tail of rare ones). */
    static int zipfish(Random random) {
        return (int) Math.floor(VOCABULARY * Math.pow(random.nextDouble(), 3));
    }

    static float[] randomVector(Random random, float[] center, double noise) {
        float[] vector = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            vector[i] = (float) ((center == null ? 0 : center[i]) + noise * random.nextGaussian());
        }
        return vector;
    }

    private static void seed(DataSource dataSource, String knowledgeBase, int chunks, float[][] centers)
            throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            long existing;
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT count(*) FROM retrieval.chunks WHERE tenant_id = ? AND knowledge_base = ?")) {
                count.setString(1, TENANT);
                count.setString(2, knowledgeBase);
                try (ResultSet result = count.executeQuery()) {
                    result.next();
                    existing = result.getLong(1);
                }
            }
            if (existing == chunks) {
                System.err.println("[bench] reusing " + chunks + " synthetic chunks");
                return;
            }
            System.err.println("[bench] creating " + chunks + " synthetic chunks (once; HNSW inserts take minutes)");
            try (Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM retrieval.chunks WHERE tenant_id = '" + TENANT + "'");
            }
            Random random = new Random(7);
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO retrieval.chunks (id, tenant_id, knowledge_base, document_id, ordinal, title, source_uri,
                                                  section_path, content, token_count, embedding)
                    VALUES (?, ?, ?, ?, 0, ?, ?, NULL, ?, ?, ?)
                    """)) {
                for (int i = 0; i < chunks; i++) {
                    StringBuilder text = new StringBuilder();
                    for (int w = 0; w < 80; w++) {
                        text.append(word(zipfish(random))).append(w % 12 == 11 ? ". " : " ");
                    }
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, TENANT);
                    insert.setString(3, knowledgeBase);
                    insert.setObject(4, UUID.randomUUID());
                    insert.setString(5, word(zipfish(random)) + " " + word(zipfish(random)));
                    insert.setString(6, "synthetic/" + i + ".txt");
                    insert.setString(7, text.toString());
                    insert.setInt(8, 100);
                    insert.setObject(9, new PGvector(randomVector(random, centers[random.nextInt(CLUSTERS)], 0.25)));
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                        connection.commit();
                        if (i % 10000 == 9999) {
                            System.err.println("[bench]   " + (i + 1) + " chunks");
                        }
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM retrieval.term_stats WHERE tenant_id = '" + TENANT + "'");
                statement.execute("DELETE FROM retrieval.kb_stats WHERE tenant_id = '" + TENANT + "'");
                statement.execute("""
                        INSERT INTO retrieval.term_stats (tenant_id, knowledge_base, lexeme, df)
                        SELECT c.tenant_id, c.knowledge_base, u.lexeme, count(*)
                        FROM retrieval.chunks c, unnest(c.content_tsv) u WHERE c.tenant_id = '%s' GROUP BY 1, 2, 3
                        """.formatted(TENANT));
                statement.execute("""
                        INSERT INTO retrieval.chunk_terms (tenant_id, knowledge_base, lexeme, chunk_id, occurrences,
                                                           in_title, in_section, chunk_length)
                        SELECT c.tenant_id, c.knowledge_base, u.lexeme, c.id, cardinality(u.weights),
                               cardinality(array_positions(u.weights, 'A')),
                               cardinality(array_positions(u.weights, 'B')), length(c.content_tsv)
                        FROM retrieval.chunks c, unnest(c.content_tsv) u WHERE c.tenant_id = '%s'
                        """.formatted(TENANT));
                statement.execute("""
                        INSERT INTO retrieval.kb_stats (tenant_id, knowledge_base, chunks, total_length)
                        SELECT tenant_id, knowledge_base, count(*), sum(length(content_tsv))
                        FROM retrieval.chunks WHERE tenant_id = '%s' GROUP BY 1, 2
                        """.formatted(TENANT));
                connection.commit();
                connection.setAutoCommit(true);
                statement.execute("ANALYZE retrieval.chunks");
                statement.execute("ANALYZE retrieval.term_stats");
                statement.execute("ANALYZE retrieval.chunk_terms");
            }
        }
    }

    // ------------------------------------------------------------------ recall

    private static List<String> recall(DataSource dataSource, String knowledgeBase, float[][] centers)
            throws Exception {
        Random random = new Random(99);
        List<float[]> queries = new ArrayList<>();
        int count = Integer.parseInt(env("BENCH_RECALL_QUERIES", "100"));
        for (int i = 0; i < count; i++) {
            queries.add(randomVector(random, centers[random.nextInt(CLUSTERS)], 0.25));
        }
        List<String> lines = new ArrayList<>(recall(dataSource, "synthetic", TENANT, knowledgeBase, queries, null));
        lines.addAll(realRecall(dataSource, count));
        return lines;
    }

    /**
     * Recall on real embeddings: every knowledge base of at least {@link #REAL_MIN_CHUNKS} chunks already in the
     * database (a `make run` with demo or BEIR corpora ingested), its own stored chunk vectors as queries (each query's
     * own chunk left out of both result lists), so the vector distribution is the model's, not a synthetic one.
     */
    private static List<String> realRecall(DataSource dataSource, int count) throws Exception {
        List<String[]> bases = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT tenant_id, knowledge_base, count(*) "
                        + "FROM retrieval.chunks WHERE tenant_id <> '" + TENANT + "' GROUP BY 1, 2 HAVING count(*) >= "
                        + REAL_MIN_CHUNKS + " ORDER BY 3 DESC LIMIT 3")) {
            while (result.next()) {
                bases.add(new String[] { result.getString(1), result.getString(2), result.getString(3) });
            }
        }
        if (bases.isEmpty()) {
            System.err.println("No knowledge base of >= " + REAL_MIN_CHUNKS + " real chunks in this database: HNSW "
                    + "recall on real vectors skipped (ingest one, e.g. `bin/ragctl eval beir`, and rerun)");
        }
        List<String> lines = new ArrayList<>();
        for (String[] base : bases) {
            List<float[]> queries = new ArrayList<>();
            List<UUID> self = new ArrayList<>();
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement("SELECT id, embedding FROM "
                            + "retrieval.chunks WHERE tenant_id = ? AND knowledge_base = ? ORDER BY id LIMIT ?")) {
                statement.setString(1, base[0]);
                statement.setString(2, base[1]);
                statement.setInt(3, count);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        self.add(result.getObject(1, UUID.class));
                        queries.add(new PGvector(result.getString(2)).toArray());
                    }
                }
            }
            lines.addAll(recall(dataSource, "real, " + base[1] + " chunks as queries", null, null, queries, self));
        }
        return lines;
    }

    /**
     * Recall of the HNSW index against exact search. With {@code tenant} null the whole table is searched: a small
     * knowledge base inside a large table is otherwise answered exactly from the tenant index (no HNSW involved).
     */
    private static List<String> recall(DataSource dataSource, String vectors, @Nullable String tenant,
            @Nullable String knowledgeBase, List<float[]> queries, @Nullable List<UUID> self) throws Exception {
        String sql = tenant == null ? "SELECT id FROM retrieval.chunks ORDER BY embedding <=> ? LIMIT 11"
                : "SELECT id FROM retrieval.chunks WHERE tenant_id = ? AND knowledge_base = ? "
                        + "ORDER BY embedding <=> ? LIMIT 11";
        List<Set<UUID>> exact = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL enable_indexscan = off");
            }
            for (int i = 0; i < queries.size(); i++) {
                exact.add(top10(connection, sql, tenant, knowledgeBase, queries.get(i),
                        self == null ? null : self.get(i)));
            }
            connection.rollback();
            List<String> lines = new ArrayList<>();
            for (int ef : new int[] { 10, 20, 40, 64, 100, 200 }) {
                try (Statement statement = connection.createStatement()) {
                    // A cached generic plan would be a sequential scan (exact): plan each query with its values.
                    statement.execute("SET LOCAL plan_cache_mode = force_custom_plan");
                    statement.execute("SET LOCAL hnsw.ef_search = " + ef);
                    statement.execute("SET LOCAL hnsw.iterative_scan = strict_order");
                }
                int found = 0;
                long started = System.nanoTime();
                for (int i = 0; i < queries.size(); i++) {
                    Set<UUID> approximate = top10(connection, sql, tenant, knowledgeBase, queries.get(i),
                            self == null ? null : self.get(i));
                    approximate.retainAll(exact.get(i));
                    found += approximate.size();
                }
                double millis = (System.nanoTime() - started) / 1e6 / queries.size();
                connection.rollback();
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("bench", "retrieval-hnsw-recall");
                line.put("vectors", vectors);
                line.put("ef_search", ef);
                line.put("queries", queries.size());
                line.put("recall@10", round((double) found / (10.0 * queries.size()), 4));
                line.put("mean_ms", round(millis, 2));
                lines.add(print(line));
            }
            return lines;
        }
    }

    /** The 10 nearest chunks, leaving out {@code self} (a stored vector used as the query finds itself first). */
    private static Set<UUID> top10(Connection connection, String sql, @Nullable String tenant,
            @Nullable String knowledgeBase, float[] query, @Nullable UUID self) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            if (tenant != null) {
                statement.setString(index++, tenant);
                statement.setString(index++, knowledgeBase);
            }
            statement.setObject(index, new PGvector(query));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getObject(1, UUID.class));
                }
            }
        }
        ids.remove(self);
        return new HashSet<>(ids.subList(0, Math.min(10, ids.size())));
    }

    // ------------------------------------------------------------------ latency

    private static List<String> latency(ConfigurableApplicationContext context, int port, String knowledgeBase,
            int perClient) throws Exception {
        TextEmbedder embedder = context.getBean(TextEmbedder.class);
        VectorSearch vectors = context.getBean(VectorSearch.class);
        LexicalSearch lexical = context.getBean(LexicalSearch.class);
        RetrievalProperties properties = context.getBean(RetrievalProperties.class);
        InternalTokenService tokens = context.getBean(InternalTokenService.class);
        CallerIdentity caller = new CallerIdentity(TENANT, "bench", Set.of(Roles.SERVICE), Set.of(), null);
        Random random = new Random(3);
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            StringBuilder query = new StringBuilder();
            for (int w = 0; w < 6; w++) {
                query.append(word(zipfish(random))).append(' ');
            }
            queries.add(query.toString().strip());
        }
        List<float[]> embeddings = queries.stream().map(embedder::embedQuery).toList();
        ChunkFilter filter = ChunkFilter.of(TENANT, Set.of(), knowledgeBase, SearchFilters.NONE, JSON);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        URI search = URI.create("http://127.0.0.1:" + port + "/api/v1/search");
        int topK = properties.defaultTopK();
        int candidates = Math.max(properties.fusionCandidates(topK), properties.rerank().candidates());
        List<String> lines = new ArrayList<>();
        for (String mode : List.of("dense", "full")) {
            IntConsumer api = i -> {
                byte[] body = JSON.writeValueAsBytes(new SearchRequest(queries.get(i % QUERIES), knowledgeBase, topK,
                        mode));
                // Internal tokens are short-lived: a fresh one per call, as the gateway mints them.
                HttpRequest request = HttpRequest.newBuilder(search)
                    .header("Authorization", "Bearer " + tokens.mint(caller))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
                try {
                    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("search answered " + response.statusCode());
                    }
                }
                catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            };
            IntConsumer sql = mode.equals("dense")
                    ? i -> vectors.nearest(filter, embeddings.get(i % QUERIES), topK)
                    : i -> {
                        vectors.nearest(filter, embeddings.get(i % QUERIES), candidates);
                        lexical.best(filter, queries.get(i % QUERIES), "english", candidates);
                    };
            // Warm-up: fills the query-embedding cache and PostgreSQL's buffers.
            run(1, Math.min(QUERIES, 50), api);
            run(1, Math.min(QUERIES, 50), sql);
            for (int clients : new int[] { 1, 8, 32 }) {
                int requests = Math.max(50, clients * perClient);
                double[] direct = run(clients, requests, sql);
                double[] served = run(clients, requests, api);
                lines.add(print(latencyLine(mode, clients, "sql", requests, direct, null)));
                lines.add(print(latencyLine(mode, clients, "api", requests, served, direct)));
            }
        }
        return lines;
    }

    private static Map<String, Object> latencyLine(String mode, int clients, String path, int requests,
            double[] millis, double[] baseline) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("bench", "retrieval-latency");
        line.put("mode", mode);
        line.put("clients", clients);
        line.put("path", path);
        line.put("requests", requests);
        line.put("p50_ms", round(percentile(millis, 50), 1));
        line.put("p95_ms", round(percentile(millis, 95), 1));
        line.put("p99_ms", round(percentile(millis, 99), 1));
        if (baseline != null) {
            line.put("p50_ratio", round(percentile(millis, 50) / percentile(baseline, 50), 2));
            line.put("p95_ratio", round(percentile(millis, 95) / percentile(baseline, 95), 2));
        }
        return line;
    }

    /** Runs {@code requests} calls from {@code clients} concurrent workers; returns each call's milliseconds. */
    private static double[] run(int clients, int requests, IntConsumer call) throws Exception {
        double[] millis = new double[requests];
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long started = System.nanoTime();
                        call.accept(i);
                        millis[i] = (System.nanoTime() - started) / 1e6;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        return millis;
    }

    static double percentile(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.clamp(index, 0, sorted.length - 1)];
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    private static String print(Map<String, Object> line) {
        String json = JSON.writeValueAsString(line);
        System.out.println(json);
        return json;
    }

    private static void writeMarkdown(Path file, int chunks, List<String> lines) throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("### Retrieval latency (`bin/bench.d/30-retrieval-latency`)\n\n");
        md.append(String.format(Locale.ROOT, "Run %s on %d cores (load average at start: %s). %,d synthetic chunks "
                + "(clustered random 384-d vectors, pseudo-word text; the vectors are synthetic, so only latency and "
                + "HNSW recall are meaningful here, not relevance), one tenant and knowledge base, PostgreSQL + "
                + "pgvector HNSW (m 16, ef_construction 64). The service runs in the benchmark's JVM; `api` is `POST "
                + "/api/v1/search` over HTTP (top 5; query embeddings cached by the warm-up pass), `sql` the same "
                + "statements through the service's own repositories and pool, in the same run (dense: the HNSW "
                + "query; full: the HNSW and BM25 candidate queries).%n%n",
                java.time.Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC",
                Runtime.getRuntime().availableProcessors(), loadAverage(), chunks));
        md.append("| mode | clients | path | requests | p50 ms | p95 ms | p99 ms | api/sql p50 | api/sql p95 |\n");
        md.append("|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder recall = new StringBuilder("\nHNSW recall@10 against exact search (same filter), on the synthetic "
                + "vectors (their knowledge base's filter, iterative scan) and on real embeddings: the largest "
                + "ingested knowledge bases' own chunk vectors as queries against the whole table (each query's own "
                + "chunk left out; unfiltered, since a small knowledge base is otherwise answered exactly from the "
                + "tenant index). Every query is planned with its values (a cached generic plan is a sequential "
                + "scan, i.e. exact):\n\n"
                + "| vectors | ef_search | HNSW recall@10 vs exact | mean ms |\n|---|---:|---:|---:|\n");
        for (String line : lines) {
            var node = JSON.readTree(line);
            if (node.path("bench").asString().equals("retrieval-latency")) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | %.1f | %.1f | %.1f | %s | %s |%n",
                        node.path("mode").asString(), node.path("clients").asInt(), node.path("path").asString(),
                        node.path("requests").asInt(), node.path("p50_ms").asDouble(), node.path("p95_ms").asDouble(),
                        node.path("p99_ms").asDouble(), node.has("p50_ratio") ? node.path("p50_ratio").toString() : "",
                        node.has("p95_ratio") ? node.path("p95_ratio").toString() : ""));
            }
            else {
                recall.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.2f |%n",
                        node.path("vectors").asString(), node.path("ef_search").asInt(),
                        node.path("recall@10").asDouble(), node.path("mean_ms").asDouble()));
            }
        }
        md.append(recall);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, md.toString());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        }
        catch (Exception ex) {
            return "n/a";
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
