package org.supportrag.retrieval.search;

import java.time.Duration;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.defaults.tenantdata.TenantDataPurge;
import org.supportrag.defaults.testsupport.CountingEmbedder;
import org.supportrag.retrieval.RetrievalProperties;
import org.supportrag.retrieval.testing.RetrievalIT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query embeddings shared in PostgreSQL: what one process embedded, a restarted one (a new cache over the same
 * table) gets without running the model; per tenant; without the text; pruned; and a broken store only costs the
 * model run it would have saved. Real database, real embedding model.
 */
@RetrievalIT
class QueryEmbeddingStoreIT {

    @Autowired
    TextEmbedder embedder;

    @Autowired
    QueryEmbeddingStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RetrievalProperties properties;

    @Autowired
    TenantDataPurge purge;

    /** The real model, counting its runs. */
    private QueryEmbeddingCache process(CountingEmbedder model, QueryEmbeddingStore withStore) {
        return new QueryEmbeddingCache(model, withStore, properties, new SimpleMeterRegistry());
    }

    private static String tenant() {
        return "t-" + UUID.randomUUID();
    }

    private int rows(String tenant) {
        return jdbc.sql("SELECT count(*) FROM query_embeddings WHERE tenant_id = :t").param("t", tenant)
            .query(Integer.class).single();
    }

    @Test
    void aQueryEmbeddedBeforeARestartIsServedFromTheStoreWithoutRunningTheModel() {
        String tenant = tenant();
        String query = "How long does a refund take with PayPal? " + UUID.randomUUID();
        CountingEmbedder before = new CountingEmbedder(embedder);
        QueryEmbeddingCache.Embedded first = process(before, store).embed(tenant, query);
        assertThat(first.source()).isEqualTo(QueryEmbeddingCache.Source.MODEL);
        assertThat(before.queries).hasValue(1);

        CountingEmbedder after = new CountingEmbedder(embedder);
        QueryEmbeddingCache restarted = process(after, store);
        QueryEmbeddingCache.Embedded again = restarted.embed(tenant, query);
        assertThat(again.source()).isEqualTo(QueryEmbeddingCache.Source.STORE);
        assertThat(again.vector()).containsExactly(first.vector());
        assertThat(restarted.embed(tenant, query).source()).isEqualTo(QueryEmbeddingCache.Source.MEMORY);
        assertThat(after.queries).hasValue(0);
    }

    @Test
    void aRestartedProcessPreloadsTheMostRecentlyUsedEmbeddingsIntoMemory() {
        String tenant = tenant();
        String query = "Where do I find my invoices? " + UUID.randomUUID();
        process(new CountingEmbedder(embedder), store).embed(tenant, query);

        CountingEmbedder after = new CountingEmbedder(embedder);
        QueryEmbeddingCache restarted = process(after, store);
        assertThat(restarted.preload()).isPositive();
        assertThat(restarted.embed(tenant, query).source()).isEqualTo(QueryEmbeddingCache.Source.MEMORY);
        assertThat(after.queries).hasValue(0);
    }

    @Test
    void anotherTenantsStoredEmbeddingIsNeverUsed() {
        String first = tenant();
        String second = tenant();
        String query = "Can I change the delivery address? " + UUID.randomUUID();
        process(new CountingEmbedder(embedder), store).embed(first, query);

        CountingEmbedder model = new CountingEmbedder(embedder);
        assertThat(process(model, store).embed(second, query).source()).isEqualTo(QueryEmbeddingCache.Source.MODEL);
        assertThat(model.queries).hasValue(1);
        assertThat(rows(first)).isEqualTo(1);
        assertThat(rows(second)).isEqualTo(1);
    }

    @Test
    void theQueryTextIsNotStoredOnlyItsHash() {
        String tenant = tenant();
        String query = "My order 4711 never arrived, jane.doe@example.com " + UUID.randomUUID();
        process(new CountingEmbedder(embedder), store).embed(tenant, query);

        // Every column but the vector, whose digits may hold "4711" by chance.
        String row = jdbc.sql("SELECT to_jsonb(q) - 'embedding' FROM query_embeddings q WHERE tenant_id = :t")
            .param("t", tenant)
            .query(String.class)
            .single();
        assertThat(row).doesNotContain("4711").doesNotContain("jane.doe").doesNotContain("arrived")
            .contains(QueryEmbeddingStore.hash(embedder.modelId(), query));
        assertThat(jdbc.sql("""
                SELECT column_name FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = 'query_embeddings'""")
            .query(String.class)
            .list()).containsExactlyInAnyOrder("tenant_id", "query_hash", "model", "embedding", "used_at");
    }

    @Test
    void rowsUnusedForTheRetentionPeriodArePrunedAndUsedOnesStay() {
        String tenant = tenant();
        QueryEmbeddingCache cache = process(new CountingEmbedder(embedder), store);
        String old = "old question " + UUID.randomUUID();
        cache.embed(tenant, old);
        cache.embed(tenant, "recent question " + UUID.randomUUID());
        jdbc.sql("""
                UPDATE query_embeddings SET used_at = now() - interval '31 days'
                 WHERE tenant_id = :t AND query_hash = decode(:hash, 'hex')""")
            .param("t", tenant)
            .param("hash", QueryEmbeddingStore.hash(embedder.modelId(), old))
            .update();

        assertThat(store.prune()).isGreaterThanOrEqualTo(1);
        assertThat(rows(tenant)).isEqualTo(1);
    }

    @Test
    void aTenantsStoredEmbeddingsArePurgedWithItsData() {
        String tenant = tenant();
        process(new CountingEmbedder(embedder), store).embed(tenant, "How do I close my account? " + UUID.randomUUID());

        assertThat(purge.purge(tenant)).containsEntry("query_embeddings", 1);
        assertThat(rows(tenant)).isZero();
    }

    @Test
    void anUnreachableStoreCostsOnlyTheModelRunNeverTheSearch() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
        QueryEmbeddingStore broken = new QueryEmbeddingStore(JdbcClient.create(nowhere),
                new QueryEmbeddingStore.Settings(true, 10, Duration.ofDays(30), Duration.ZERO));
        CountingEmbedder model = new CountingEmbedder(embedder);
        QueryEmbeddingCache cache = process(model, broken);

        assertThat(cache.preload()).isZero();
        QueryEmbeddingCache.Embedded embedded = cache.embed(tenant(), "Is there a mobile app?");
        assertThat(embedded.source()).isEqualTo(QueryEmbeddingCache.Source.MODEL);
        assertThat(embedded.vector()).hasSize(embedder.dimensions());
        assertThat(model.queries).hasValue(1);
    }
}
