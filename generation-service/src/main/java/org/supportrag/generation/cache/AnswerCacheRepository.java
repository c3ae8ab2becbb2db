package org.supportrag.generation.cache;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.pgvector.PGvector;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.generation.conversation.Citation;

/** Table {@code answer_cache}; every query is scoped by the full {@link CacheKey} or at least the tenant. */
@Repository
@RequiredArgsConstructor
class AnswerCacheRepository {

    private static final TypeReference<List<Citation>> CITATIONS = new TypeReference<>() {
    };

    /** A stored entry as a lookup sees it. */
    record Entry(UUID id, String question, String text, List<Citation> citations, double confidence, String model,
            @Nullable String modelName, int promptTokens, int completionTokens, double costUsd, double similarity) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Optional<Entry> exact(CacheKey key, String normalizedQuestion) {
        return jdbc.sql("""
                SELECT id, question, answer, citations, confidence, model, model_name, prompt_tokens, completion_tokens,
                       cost_usd, 1.0 AS similarity
                FROM answer_cache
                WHERE tenant_id = :tenant AND knowledge_base = :kb AND acl_key = :acl AND prompt_version = :prompt
                  AND normalized_question = :normalized AND expires_at > now()""")
            .params(keyParams(key))
            .param("normalized", normalizedQuestion)
            .query(this::entry)
            .optional();
    }

    /** The {@code limit} entries of this key nearest to the embedding, nearest first. */
    List<Entry> nearest(CacheKey key, float[] embedding, int limit) {
        return jdbc.sql("""
                SELECT id, question, answer, citations, confidence, model, model_name, prompt_tokens,
                       completion_tokens, cost_usd, 1 - (question_embedding OPERATOR(public.<=>) :embedding) AS similarity
                FROM answer_cache
                WHERE tenant_id = :tenant AND knowledge_base = :kb AND acl_key = :acl AND prompt_version = :prompt
                  AND expires_at > now()
                ORDER BY question_embedding OPERATOR(public.<=>) :embedding
                LIMIT :limit""")
            .params(keyParams(key))
            .param("embedding", new PGvector(embedding))
            .param("limit", limit)
            .query(this::entry)
            .list();
    }

    /** Stores or replaces the answer to this normalized question. */
    void put(CacheKey key, String normalizedQuestion, float[] embedding, Cacheable answer, Duration ttl) {
        String documents = uuidArray(answer.citations().stream().map(Citation::documentId).distinct().toList());
        jdbc.sql("""
                INSERT INTO answer_cache (id, tenant_id, knowledge_base, acl_key, prompt_version, normalized_question,
                    question, question_embedding, answer, citations, cited_document_ids, confidence, model, model_name,
                    prompt_tokens, completion_tokens, cost_usd, expires_at)
                VALUES (:id, :tenant, :kb, :acl, :prompt, :normalized, :question, :embedding, :answer,
                    CAST(:citations AS jsonb), CAST(:documents AS uuid[]), :confidence, :model, :modelName,
                    :promptTokens, :completionTokens, :cost, now() + make_interval(secs => :ttl))
                ON CONFLICT (tenant_id, knowledge_base, acl_key, prompt_version, normalized_question) DO UPDATE
                SET question = EXCLUDED.question, question_embedding = EXCLUDED.question_embedding,
                    answer = EXCLUDED.answer, citations = EXCLUDED.citations,
                    cited_document_ids = EXCLUDED.cited_document_ids, confidence = EXCLUDED.confidence,
                    model = EXCLUDED.model, model_name = EXCLUDED.model_name,
                    prompt_tokens = EXCLUDED.prompt_tokens, completion_tokens = EXCLUDED.completion_tokens,
                    cost_usd = EXCLUDED.cost_usd, hits = 0, created_at = now(), expires_at = EXCLUDED.expires_at""")
            .params(keyParams(key))
            .param("id", UUID.randomUUID())
            .param("normalized", normalizedQuestion)
            .param("question", answer.question())
            .param("embedding", new PGvector(embedding))
            .param("answer", answer.answer())
            .param("citations", json.writeValueAsString(answer.citations()))
            .param("documents", documents)
            .param("confidence", answer.confidence())
            .param("model", answer.model())
            .param("modelName", answer.modelName())
            .param("promptTokens", answer.promptTokens())
            .param("completionTokens", answer.completionTokens())
            .param("cost", answer.costUsd())
            .param("ttl", (double) ttl.toSeconds())
            .update();
    }

    void recordHit(UUID id) {
        jdbc.sql("UPDATE answer_cache SET hits = hits + 1 WHERE id = :id").param("id", id).update();
    }

    /** Drops the tenant's entries in this knowledge base that cite any of the documents; returns how many. */
    int dropCiting(String tenantId, String knowledgeBase, Collection<UUID> documentIds) {
        return jdbc.sql("""
                DELETE FROM answer_cache
                WHERE tenant_id = :tenant AND knowledge_base = :kb AND cited_document_ids && CAST(:documents AS uuid[])""")
            .param("tenant", tenantId)
            .param("kb", knowledgeBase)
            .param("documents", uuidArray(documentIds))
            .update();
    }

    int dropExpired() {
        return jdbc.sql("DELETE FROM answer_cache WHERE expires_at <= now()").update();
    }

    private static java.util.Map<String, Object> keyParams(CacheKey key) {
        return java.util.Map.of("tenant", key.tenantId(), "kb", key.knowledgeBase(), "acl", key.aclKey(), "prompt",
                key.promptVersion());
    }

    private Entry entry(ResultSet row, int rowNumber) throws SQLException {
        return new Entry(row.getObject("id", UUID.class), row.getString("question"), row.getString("answer"),
                json.readValue(row.getString("citations"), CITATIONS), row.getDouble("confidence"),
                row.getString("model"), row.getString("model_name"), row.getInt("prompt_tokens"),
                row.getInt("completion_tokens"), row.getDouble("cost_usd"), row.getDouble("similarity"));
    }

    /** A PostgreSQL array literal; UUIDs need no quoting. */
    private static String uuidArray(Collection<UUID> ids) {
        return "{" + String.join(",", ids.stream().map(UUID::toString).toList()) + "}";
    }
}
