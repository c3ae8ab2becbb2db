package org.supportrag.retrieval.search;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.contracts.retrieval.v1.SearchFilters;

/**
 * The WHERE clause (over alias {@code c} of {@code retrieval.chunks}) shared by every search: the caller's tenant and
 * ACL groups from the verified token, the knowledge base and the request's filters. Only bind parameters carry values;
 * the SQL text depends only on which filters are present.
 */
final class ChunkFilter {

    private final StringBuilder sql = new StringBuilder();
    private final Map<String, Object> params = new LinkedHashMap<>();

    private ChunkFilter() {
    }

    static ChunkFilter of(String tenantId, Set<String> callerGroups, String knowledgeBase, SearchFilters filters,
            JsonMapper json) {
        ChunkFilter filter = new ChunkFilter();
        filter.add("c.tenant_id = :f_tenant", "f_tenant", tenantId);
        filter.add("c.knowledge_base = :f_kb", "f_kb", knowledgeBase);
        // Never widened by the request: a chunk with ACL groups is visible only to callers in one of them.
        filter.add("(c.acl_groups = '{}' OR c.acl_groups && CAST(:f_groups AS text[]))", "f_groups",
                callerGroups.stream().sorted().toArray(String[]::new));
        if (filters.language() != null) {
            filter.add("c.language = :f_language", "f_language", filters.language());
        }
        if (!filters.kindsOrEmpty().isEmpty()) {
            filter.add("c.kind = ANY(CAST(:f_kinds AS text[]))", "f_kinds",
                    filters.kindsOrEmpty().stream().sorted().toArray(String[]::new));
        }
        if (!filters.metadataOrEmpty().isEmpty()) {
            filter.add("c.metadata @> CAST(:f_metadata AS jsonb)", "f_metadata",
                    json.writeValueAsString(filters.metadataOrEmpty()));
        }
        if (!filters.tagsOrEmpty().isEmpty()) {
            filter.add("regexp_split_to_array(btrim(c.metadata ->> 'tags'), '\\s*,\\s*') @> CAST(:f_tags AS text[])",
                    "f_tags", filters.tagsOrEmpty().stream().sorted().toArray(String[]::new));
        }
        if (!filters.documentIdsOrEmpty().isEmpty()) {
            filter.add("c.document_id = ANY(CAST(:f_documents AS uuid[]))", "f_documents",
                    filters.documentIdsOrEmpty().stream().map(UUID::toString).sorted().toArray(String[]::new));
        }
        if (filters.sourcePrefix() != null) {
            filter.add("starts_with(c.source_uri, :f_source)", "f_source", filters.sourcePrefix());
        }
        if (filters.indexedAfter() != null) {
            filter.add("c.created_at >= :f_after", "f_after", Timestamp.from(filters.indexedAfter()));
        }
        if (filters.indexedBefore() != null) {
            filter.add("c.created_at < :f_before", "f_before", Timestamp.from(filters.indexedBefore()));
        }
        return filter;
    }

    private void add(String condition, String name, Object value) {
        if (!sql.isEmpty()) {
            sql.append(" AND ");
        }
        sql.append(condition);
        params.put(name, value);
    }

    /** The conditions, to follow {@code WHERE}. */
    String sql() {
        return sql.toString();
    }

    String tenantId() {
        return (String) Objects.requireNonNull(params.get("f_tenant"));
    }

    String knowledgeBase() {
        return (String) Objects.requireNonNull(params.get("f_kb"));
    }

    JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
        JdbcClient.StatementSpec bound = statement;
        for (Map.Entry<String, Object> param : params.entrySet()) {
            bound = bound.param(param.getKey(), param.getValue());
        }
        return bound;
    }
}
