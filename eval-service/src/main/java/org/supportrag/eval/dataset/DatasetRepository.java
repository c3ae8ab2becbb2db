package org.supportrag.eval.dataset;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.eval.answers.AnswerCase;

@Repository
class DatasetRepository {

    private static final String COLUMNS = "id, tenant_id, name, version, kind, knowledge_base, description, "
            + "item_count, created_by, created_at";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DatasetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.json = JsonMapper.builder().build();
    }

    /** Must run in a transaction: the advisory lock serializes version numbers per tenant and name. */
    DatasetVersion createVersion(String tenantId, String name, String kind, @Nullable String knowledgeBase,
            @Nullable String description, List<AnswerCase> items, boolean inherit, String createdBy) {
        return createVersionOfRows(tenantId, name, kind, knowledgeBase, description,
                items.stream().map(ItemRow::of).toList(), inherit, createdBy);
    }

    DatasetVersion createVersionOfRows(String tenantId, String name, String kind, @Nullable String knowledgeBase,
            @Nullable String description, List<ItemRow> items, boolean inherit, String createdBy) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
            .param("key", "eval.datasets\n" + tenantId + "\n" + name)
            .query((rs, row) -> 1)
            .list();
        Optional<DatasetVersion> previous = latest(tenantId, name);
        if (previous.isPresent() && !previous.get().kind().equals(kind)) {
            throw new IllegalArgumentException("dataset '" + name + "' is of kind " + previous.get().kind()
                    + ", not " + kind);
        }
        Map<String, ItemRow> merged = new LinkedHashMap<>();
        if (inherit && previous.isPresent()) {
            for (ItemRow row : rows(previous.get().id())) {
                merged.put(row.key(), row);
            }
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ItemRow row : items) {
            if (!seen.add(row.key())) {
                throw new IllegalArgumentException("item id '" + row.key() + "' appears twice");
            }
            merged.put(row.key(), row);
        }
        int version = previous.map(v -> v.version() + 1).orElse(1);
        String kb = knowledgeBase != null ? knowledgeBase
                : inherit ? previous.map(DatasetVersion::knowledgeBase).orElse(null) : null;
        String text = description != null ? description
                : inherit ? previous.map(DatasetVersion::description).orElse(null) : null;
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO datasets (id, tenant_id, name, version, kind, knowledge_base, description, item_count,
                                      created_by)
                VALUES (:id, :tenant, :name, :version, :kind, :kb, :description, :count, :by)
                """)
            .param("id", id)
            .param("tenant", tenantId)
            .param("name", name)
            .param("version", version)
            .param("kind", kind)
            .param("kb", kb)
            .param("description", text)
            .param("count", merged.size())
            .param("by", createdBy)
            .update();
        int position = 0;
        for (ItemRow row : merged.values()) {
            jdbc.sql("""
                    INSERT INTO dataset_items (dataset_id, position, item_key, type, turns, facts, sources, reference,
                                               knowledge_base, metadata)
                    VALUES (:dataset, :position, :key, :type, CAST(:turns AS jsonb), CAST(:facts AS jsonb),
                            CAST(:sources AS jsonb), :reference, :kb, CAST(:metadata AS jsonb))
                    """)
                .param("dataset", id)
                .param("position", position++)
                .param("key", row.key())
                .param("type", row.type())
                .param("turns", json.writeValueAsString(row.turns()))
                .param("facts", json.writeValueAsString(row.facts()))
                .param("sources", json.writeValueAsString(row.sources()))
                .param("reference", row.reference())
                .param("kb", row.knowledgeBase())
                .param("metadata", json.writeValueAsString(row.metadata()))
                .update();
        }
        return find(tenantId, name, version).orElseThrow();
    }

    Optional<DatasetVersion> latest(String tenantId, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM datasets WHERE tenant_id = :tenant AND name = :name "
                + "ORDER BY version DESC LIMIT 1")
            .param("tenant", tenantId)
            .param("name", name)
            .query((rs, row) -> version(rs))
            .optional();
    }

    Optional<DatasetVersion> find(String tenantId, String name, int version) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM datasets WHERE tenant_id = :tenant AND name = :name "
                + "AND version = :version")
            .param("tenant", tenantId)
            .param("name", name)
            .param("version", version)
            .query((rs, row) -> version(rs))
            .optional();
    }

    Optional<DatasetVersion> findById(String tenantId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM datasets WHERE tenant_id = :tenant AND id = :id")
            .param("tenant", tenantId)
            .param("id", id)
            .query((rs, row) -> version(rs))
            .optional();
    }

    /** Every version of every dataset of the tenant, newest version first within a name. */
    List<DatasetVersion> list(String tenantId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM datasets WHERE tenant_id = :tenant ORDER BY name, version DESC")
            .param("tenant", tenantId)
            .query((rs, row) -> version(rs))
            .list();
    }

    List<AnswerCase> items(UUID datasetId) {
        return rows(datasetId).stream().map(ItemRow::toCase).toList();
    }

    List<ItemRow> rows(UUID datasetId) {
        return jdbc.sql("""
                SELECT item_key, type, turns::text AS turns, facts::text AS facts, sources::text AS sources,
                       reference, knowledge_base, metadata::text AS metadata
                  FROM dataset_items WHERE dataset_id = :dataset ORDER BY position
                """)
            .param("dataset", datasetId)
            .query((rs, row) -> new ItemRow(rs.getString("item_key"), rs.getString("type"),
                    json.readValue(rs.getString("turns"), STRINGS), json.readValue(rs.getString("facts"), STRINGS),
                    json.readValue(rs.getString("sources"), STRINGS), rs.getString("reference"),
                    rs.getString("knowledge_base"), json.readValue(rs.getString("metadata"), OBJECT)))
            .list();
    }

    private static DatasetVersion version(ResultSet rs) throws SQLException {
        return new DatasetVersion(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("name"),
                rs.getInt("version"), rs.getString("kind"), rs.getString("knowledge_base"),
                rs.getString("description"), rs.getInt("item_count"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }
}
