package org.supportrag.retrieval.search;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.supportrag.contracts.retrieval.v1.SearchRequest;
import org.supportrag.defaults.security.CallerIdentity;

/**
 * Runs a few searches before the web server opens its port, so the first requests after a start or a restart do not
 * pay for the embedding model's first inferences (about 40 ms a search cold), the connection pool's first connections
 * and PostgreSQL's first plans. It does not warm what customers ask: their query embeddings come from the shared store
 * ({@link QueryEmbeddingCache}), and more warm-up searches did not shorten C2's compiling after a restart (Round 12 of
 * docs/benchmarks.md; retrieval runs C1 only since).
 * The queries are titles and openings of stored chunks of one knowledge base, searched as the service itself; nothing
 * is counted or returned (their query embeddings go to the shared store, as any search's do), and a failure only ends
 * the warm-up. The web layer is warmed after the port opens, by {@link HttpSearchWarmUp}.
 */
@Component
class SearchWarmUp implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SearchWarmUp.class);

    private final SearchPipeline pipeline;
    private final JdbcClient jdbc;
    private final Settings settings;

    SearchWarmUp(SearchPipeline pipeline, JdbcClient jdbc, Settings settings) {
        this.pipeline = pipeline;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /**
     * Warm-up settings, prefix {@code rag.retrieval.warm-up}.
     *
     * @param searches     searches before the port opens (0: none)
     * @param maxDuration  each part of the warm-up stops after this long whatever is left
     * @param httpSearches searches over the loopback once the port is open, before the service reports ready (0:
     *                     none; see {@link HttpSearchWarmUp})
     */
    @ConfigurationProperties("rag.retrieval.warm-up")
    record Settings(@DefaultValue("40") int searches, @DefaultValue("20s") Duration maxDuration,
            @DefaultValue("200") int httpSearches) {
    }

    /** A stored chunk's title and opening, the material of warm-up queries. */
    record Sample(String tenant, String knowledgeBase, String title, String opening) {

        /** A question made of the title: short, with hits. */
        String titleQuestion() {
            return "How do I " + title.toLowerCase(Locale.ROOT) + "?";
        }

        /** The passage's opening: a long query, with hits. */
        String openingQuery() {
            return opening.isBlank() ? title : opening;
        }
    }

    /** Up to {@code limit} chunks of one stored knowledge base (none when nothing is stored). */
    static List<Sample> samples(JdbcClient jdbc, int limit) {
        return jdbc.sql("""
                WITH kb AS (SELECT tenant_id, knowledge_base FROM chunks LIMIT 1)
                SELECT c.tenant_id, c.knowledge_base, c.title, left(c.content, 160) AS opening
                  FROM chunks c JOIN kb USING (tenant_id, knowledge_base)
                 LIMIT :n""")
            .param("n", Math.max(1, limit))
            .query((rs, row) -> new Sample(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
            .list();
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (settings.searches() > 0) {
            run();
        }
    }

    /** Runs the warm-up; returns how many searches completed. */
    int run() {
        long started = System.nanoTime();
        int done = 0;
        try {
            List<Sample> samples = samples(jdbc, settings.searches() / 2);
            long deadline = started + settings.maxDuration().toNanos();
            for (int i = 0; i < Math.min(settings.searches(), 2 * samples.size()) && System.nanoTime() < deadline; i++) {
                Sample sample = samples.get(i / 2);
                String query = i % 2 == 0 ? sample.titleQuestion() : sample.openingQuery();
                pipeline.searchUncounted(new SearchRequest(query, sample.knowledgeBase(), null),
                        CallerIdentity.service(sample.tenant(), HttpSearchWarmUp.CALLER));
                done++;
            }
        }
        catch (RuntimeException ex) {
            log.warn("Search warm-up stopped after {} searches: {}", done, ex.toString());
        }
        log.info("Search warm-up: {} searches in {} ms", done, (System.nanoTime() - started) / 1_000_000);
        return done;
    }
}
