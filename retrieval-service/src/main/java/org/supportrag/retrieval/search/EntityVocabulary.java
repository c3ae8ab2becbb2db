package org.supportrag.retrieval.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.supportrag.retrieval.rewrite.KnowledgeBaseEntities;

/**
 * Loads what a knowledge base names (distinct titles, section paths and short metadata values of the chunks the
 * caller may read) for the query rewrite, cached briefly per tenant, knowledge base and ACL groups: a follow-up
 * costs one query per minute at most, and a new document's names count within that minute.
 */
@Component
@RequiredArgsConstructor
class EntityVocabulary {

    static final long TTL_NANOS = 60_000_000_000L;
    // Bounds what one knowledge base contributes; beyond this the rewrite sees the most frequent names only.
    static final int MAX_NAMES = 5000;
    static final int MAX_METADATA_CHARS = 60;
    private static final int MAX_CACHED = 256;

    private static final String NAMES = """
            SELECT name FROM (
                SELECT c.title AS name, count(*) AS n FROM chunks c WHERE %1$s GROUP BY c.title
                UNION ALL
                SELECT c.section_path, count(*) FROM chunks c WHERE %1$s AND c.section_path IS NOT NULL
                GROUP BY c.section_path
                UNION ALL
                SELECT m.value, count(*) FROM chunks c CROSS JOIN LATERAL jsonb_each_text(c.metadata) m
                WHERE %1$s AND jsonb_typeof(c.metadata -> m.key) = 'string' AND length(m.value) <= %2$d
                  AND m.key NOT IN ('source', 'url', 'path', 'id', 'hash')
                GROUP BY m.value
            ) names ORDER BY n DESC LIMIT %3$d""";

    private record Key(String tenant, String knowledgeBase, String groups) {
    }

    private record Cached(KnowledgeBaseEntities entities, long loadedNanos) {
    }

    private final JdbcClient jdbc;
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

    KnowledgeBaseEntities of(ChunkFilter filter, String groups) {
        Key key = new Key(filter.tenantId(), filter.knowledgeBase(), groups);
        long now = System.nanoTime();
        Cached cached = cache.get(key);
        if (cached != null && now - cached.loadedNanos() < TTL_NANOS) {
            return cached.entities();
        }
        List<String> names = new ArrayList<>(filter
            .bind(jdbc.sql(NAMES.formatted(filter.sql(), MAX_METADATA_CHARS, MAX_NAMES)))
            .query(String.class)
            .list());
        KnowledgeBaseEntities entities = KnowledgeBaseEntities.of(names);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, new Cached(entities, now));
        return entities;
    }
}
