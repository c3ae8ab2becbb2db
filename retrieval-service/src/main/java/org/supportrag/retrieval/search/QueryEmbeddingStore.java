package org.supportrag.retrieval.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.pgvector.PGvector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Query embeddings in PostgreSQL ({@code query_embeddings}, unlogged), behind the in-memory cache: every replica
 * shares them and a restarted one starts with them, instead of paying an embedding for each question again (issue 18:
 * a restarted retrieval spent 30 s at 3-5x its CPU re-embedding the questions it had already seen). Rows are keyed by
 * tenant and the SHA-256 of model and text, never the text; a tenant's rows go with its data
 * ({@code TenantDataPurge} finds the {@code tenant_id} column). The store is a cache: any failure of it is logged and
 * the caller embeds with the model as before.
 */
@Component
class QueryEmbeddingStore implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(QueryEmbeddingStore.class);

    private final JdbcClient jdbc;
    private final Settings settings;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("query-embedding-prune").daemon().factory());

    QueryEmbeddingStore(JdbcClient jdbc, Settings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /**
     * Settings, prefix {@code rag.retrieval.query-store}.
     *
     * @param enabled       whether query embeddings are read from and written to the database (off: memory only)
     * @param preload       the most recently used embeddings loaded into memory at start-up, before the port opens
     * @param retention     rows not used for this long are deleted
     * @param pruneInterval how often that runs (0: never, e.g. where another job prunes)
     */
    @ConfigurationProperties("rag.retrieval.query-store")
    record Settings(@DefaultValue("true") boolean enabled, @DefaultValue("5000") int preload,
            @DefaultValue("30d") Duration retention, @DefaultValue("1h") Duration pruneInterval) {

        Settings {
            if (preload < 0) {
                throw new IllegalArgumentException("rag.retrieval.query-store.preload must not be negative");
            }
            if (retention.isNegative() || retention.isZero() || pruneInterval.isNegative()) {
                throw new IllegalArgumentException("rag.retrieval.query-store.retention must be positive and "
                        + "rag.retrieval.query-store.prune-interval not negative");
            }
        }
    }

    /** One stored embedding: its tenant, key and vector. */
    record Stored(String tenant, String hash, float[] vector) {
    }

    boolean enabled() {
        return settings.enabled();
    }

    /** The key of {@code query} embedded by {@code model}: hex SHA-256 of both, so the text is never stored. */
    static String hash(String model, String query) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(model.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return java.util.HexFormat.of().formatHex(digest.digest(query.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }

    /** The stored vector of this key, marked as used now; empty when none is stored or the store failed. */
    Optional<float[]> find(String tenant, String hash) {
        try {
            return jdbc.sql("""
                    UPDATE query_embeddings SET used_at = now()
                     WHERE tenant_id = :tenant AND query_hash = decode(:hash, 'hex')
                    RETURNING embedding::text""")
                .param("tenant", tenant)
                .param("hash", hash)
                .query((rs, row) -> vector(rs.getString(1)))
                .optional();
        }
        catch (DataAccessException ex) {
            log.debug("Reading a stored query embedding failed: {}", ex.toString());
            return Optional.empty();
        }
    }

    /** Stores a vector the model just made (a concurrent writer of the same key wins: the vectors are equal). */
    void save(String tenant, String hash, String model, float[] vector) {
        try {
            jdbc.sql("""
                    INSERT INTO query_embeddings (tenant_id, query_hash, model, embedding)
                    VALUES (:tenant, decode(:hash, 'hex'), :model, :embedding)
                    ON CONFLICT (tenant_id, query_hash) DO NOTHING""")
                .param("tenant", tenant)
                .param("hash", hash)
                .param("model", model)
                .param("embedding", new PGvector(vector))
                .update();
        }
        catch (DataAccessException ex) {
            log.debug("Storing a query embedding failed: {}", ex.toString());
        }
    }

    /** The {@code preload} most recently used embeddings of {@code model}; none when the store fails. */
    List<Stored> recent(String model) {
        if (!settings.enabled() || settings.preload() == 0) {
            return List.of();
        }
        try {
            return jdbc.sql("""
                    SELECT tenant_id, encode(query_hash, 'hex'), embedding::text FROM query_embeddings
                     WHERE model = :model ORDER BY used_at DESC LIMIT :limit""")
                .param("model", model)
                .param("limit", settings.preload())
                .query((rs, row) -> new Stored(rs.getString(1), rs.getString(2), vector(rs.getString(3))))
                .list();
        }
        catch (DataAccessException ex) {
            log.warn("Preloading query embeddings failed: {}", ex.toString());
            return List.of();
        }
    }

    /** Deletes the rows unused for the retention period; returns how many. */
    int prune() {
        return jdbc.sql("DELETE FROM query_embeddings WHERE used_at < now() - make_interval(secs => :seconds)")
            .param("seconds", (double) settings.retention().toSeconds())
            .update();
    }

    @Override
    public void afterPropertiesSet() {
        long millis = settings.pruneInterval().toMillis();
        if (settings.enabled() && millis > 0) {
            timer.scheduleWithFixedDelay(this::pruneQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    private void pruneQuietly() {
        try {
            int deleted = prune();
            if (deleted > 0) {
                log.info("Pruned {} query embeddings unused for {}", deleted, settings.retention());
            }
        }
        catch (RuntimeException ex) {
            log.warn("Pruning query embeddings failed: {}", ex.toString());
        }
    }

    /** pgvector's text form, {@code [0.1,-0.2,...]}. */
    static float[] vector(String text) {
        String body = text.substring(1, text.length() - 1);
        if (body.isEmpty()) {
            return new float[0];
        }
        String[] parts = body.split(",");
        float[] vector = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            vector[i] = Float.parseFloat(parts[i]);
        }
        return vector;
    }
}
