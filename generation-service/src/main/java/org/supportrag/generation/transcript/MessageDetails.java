package org.supportrag.generation.transcript;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.generation.conversation.Citation;
import org.supportrag.generation.conversation.ConversationRepository;
import org.supportrag.generation.prompt.ResolvedPrompts.PromptUse;

/** Messages with everything staff see: author, scores, flags, model, trace and prompt versions. */
@Repository
@RequiredArgsConstructor
class MessageDetails {

    private static final TypeReference<List<Citation>> CITATIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<PromptUse>> PROMPTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    record Detail(UUID id, String role, String content, List<Citation> citations, Instant createdAt,
            @Nullable String author, @Nullable Double confidence, List<String> flags, @Nullable String model,
            @Nullable String traceId, @Nullable List<PromptUse> prompts, double costUsd,
            @Nullable String standaloneQuery) {
    }

    /** All messages, oldest first (same order as {@link ConversationRepository#messages}). */
    List<Detail> of(String tenantId, UUID conversationId) {
        return jdbc.sql("""
                SELECT id, role, content, citations::text AS citations, created_at, author, confidence,
                       flags::text AS flags, model, trace_id, prompt_versions::text AS prompt_versions, standalone_query,
                       -- What writing the message cost: every model attempt, embedding and rerank of its turn.
                       (SELECT coalesce(sum(u.cost_usd), 0) FROM llm_usage u
                        WHERE u.tenant_id = m.tenant_id AND u.conversation_id = m.conversation_id
                          AND u.message_id = m.id AND u.operation <> 'cache_saved') AS cost_usd
                FROM messages m WHERE tenant_id = :tenant AND conversation_id = :conversation
                ORDER BY created_at, role DESC""")
            .param("tenant", tenantId)
            .param("conversation", conversationId)
            .query(this::detail)
            .list();
    }

    private Detail detail(ResultSet row, int number) throws SQLException {
        Object confidence = row.getObject("confidence");
        String prompts = row.getString("prompt_versions");
        return new Detail(row.getObject("id", UUID.class), row.getString("role"), row.getString("content"),
                json.readValue(row.getString("citations"), CITATIONS), row.getTimestamp("created_at").toInstant(),
                row.getString("author"), confidence == null ? null : ((Number) confidence).doubleValue(),
                json.readValue(row.getString("flags"), STRINGS), row.getString("model"), row.getString("trace_id"),
                prompts == null ? null : json.readValue(prompts, PROMPTS), row.getBigDecimal("cost_usd").doubleValue(),
                row.getString("standalone_query"));
    }
}
