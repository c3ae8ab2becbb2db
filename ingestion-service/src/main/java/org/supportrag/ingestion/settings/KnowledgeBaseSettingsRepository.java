package org.supportrag.ingestion.settings;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Settings rows per tenant and knowledge base, as JSON. */
@Repository
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class KnowledgeBaseSettingsRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public KnowledgeBaseSettings find(String tenantId, String knowledgeBase) {
        return jdbc.sql("SELECT settings::text FROM ingestion.knowledge_base_settings WHERE tenant_id = ? AND knowledge_base = ?")
            .params(tenantId, knowledgeBase)
            .query(String.class)
            .optional()
            .map(text -> json.readValue(text, KnowledgeBaseSettings.class))
            .orElse(KnowledgeBaseSettings.NONE);
    }

    void save(String tenantId, String knowledgeBase, KnowledgeBaseSettings settings) {
        jdbc.sql("""
                INSERT INTO ingestion.knowledge_base_settings (tenant_id, knowledge_base, settings)
                VALUES (?, ?, ?::jsonb)
                ON CONFLICT (tenant_id, knowledge_base) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now()""")
            .params(tenantId, knowledgeBase, json.writeValueAsString(settings))
            .update();
    }
}
