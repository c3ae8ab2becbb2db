package org.supportrag.generation.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.jdbc.AsyncCommit;
import org.supportrag.defaults.jdbc.DatabaseRetry;
import org.supportrag.defaults.security.CallerIdentity;

/**
 * Conversations and messages in schema {@code generation}; every query is scoped by tenant. A chat turn's reads and
 * writes run again after a dropped connection or while PostgreSQL restarts ({@link DatabaseRetry}): messages are
 * inserted by the id the turn chose with {@code ON CONFLICT DO NOTHING}, so a write whose commit went through but
 * whose answer was lost is not stored twice.
 */
@Repository
@RequiredArgsConstructor
public class ConversationRepository {

    private static final TypeReference<List<Citation>> CITATIONS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final DatabaseRetry retry;

    /** The conversation {@code id} (as given in a path) if the caller may see it; else 404, also for a bad id. */
    public Conversation accessible(CallerIdentity caller, String id) {
        UUID conversationId = ConversationIds.parse(id);
        if (conversationId == null) {
            throw ConversationAccess.notFound();
        }
        return find(caller.tenantId(), conversationId)
            .filter(found -> ConversationAccess.mayAccess(caller, found))
            .orElseThrow(ConversationAccess::notFound);
    }

    public Optional<Conversation> find(String tenantId, UUID id) {
        return retry.call(() -> jdbc.sql("""
                SELECT id, tenant_id, knowledge_base, customer_ref, created_at, prompt_variant
                FROM conversations WHERE tenant_id = :tenant AND id = :id""")
            .param("tenant", tenantId)
            .param("id", id)
            .query(ConversationRepository::conversation)
            .optional());
    }

    /**
     * Creates conversation {@code id} and stores its first customer message, atomically. Committed without waiting
     * for the WAL flush (on the turn's way to its first token): the turn's answer, committed synchronously, makes it
     * durable; so does the next flush, at most a few hundred ms later ({@link AsyncCommit}).
     */
    public Conversation start(UUID id, String tenantId, String knowledgeBase, @Nullable String customerRef,
            @Nullable String promptVariant, UUID messageId, String content, @Nullable String traceId) {
        return retry.call(() -> transactions.execute(status -> {
            AsyncCommit.forThisTransaction(jdbc);
            jdbc.sql("""
                    INSERT INTO conversations (id, tenant_id, knowledge_base, customer_ref, prompt_variant)
                    VALUES (:id, :tenant, :kb, :customer, :variant)
                    ON CONFLICT (id) DO NOTHING""")
                .param("id", id)
                .param("tenant", tenantId)
                .param("kb", knowledgeBase)
                .param("customer", customerRef)
                .param("variant", promptVariant)
                .update();
            insertUserMessage(tenantId, id, messageId, content, traceId);
            // Read back, also after an attempt whose commit went through: the row the tenant owns, or none.
            return jdbc.sql("""
                    SELECT id, tenant_id, knowledge_base, customer_ref, created_at, prompt_variant
                    FROM conversations WHERE tenant_id = :tenant AND id = :id""")
                .param("tenant", tenantId)
                .param("id", id)
                .query(ConversationRepository::conversation)
                .single();
        }));
    }

    /**
     * Stores customer message {@code messageId} (once, however often it is called); committed as {@link #start} is.
     */
    public void addUserMessage(String tenantId, UUID conversationId, UUID messageId, String content,
            @Nullable String traceId) {
        retry.run(() -> transactions.executeWithoutResult(status -> {
            AsyncCommit.forThisTransaction(jdbc);
            insertUserMessage(tenantId, conversationId, messageId, content, traceId);
        }));
    }

    private void insertUserMessage(String tenantId, UUID conversationId, UUID messageId, String content,
            @Nullable String traceId) {
        jdbc.sql("""
                INSERT INTO messages (id, conversation_id, tenant_id, role, content, trace_id)
                VALUES (:id, :conversation, :tenant, 'user', :content, :trace)
                ON CONFLICT (id) DO NOTHING""")
            .param("id", messageId)
            .param("conversation", conversationId)
            .param("tenant", tenantId)
            .param("content", content)
            .param("trace", traceId)
            .update();
        touch(tenantId, conversationId);
    }

    /** Stores answer {@code message.id()} (once, however often it is called). */
    public void addAnswer(StoredAnswer message) {
        retry.run(() -> transactions.executeWithoutResult(status -> insertAnswer(message)));
    }

    private void insertAnswer(StoredAnswer message) {
        jdbc.sql("""
                INSERT INTO messages (id, conversation_id, tenant_id, role, content, citations, flags, confidence,
                                      model, prompt_tokens, completion_tokens, trace_id, prompt_versions)
                VALUES (:id, :conversation, :tenant, 'assistant', :content, CAST(:citations AS jsonb),
                        CAST(:flags AS jsonb), :confidence, :model, :promptTokens, :completionTokens, :trace,
                        CAST(:prompts AS jsonb))
                ON CONFLICT (id) DO NOTHING""")
            .param("id", message.id())
            .param("conversation", message.conversationId())
            .param("tenant", message.tenantId())
            .param("content", message.content())
            .param("citations", json.writeValueAsString(message.citations()))
            .param("flags", json.writeValueAsString(message.flags()))
            .param("confidence", message.confidence())
            .param("model", message.model())
            .param("promptTokens", message.promptTokens())
            .param("completionTokens", message.completionTokens())
            .param("trace", message.traceId())
            .param("prompts", message.prompts() == null ? null : json.writeValueAsString(message.prompts()))
            .update();
        touch(message.tenantId(), message.conversationId());
    }

    /** Stores how many claims of the answer {@code messageId} were checked and how many are unsupported. */
    public void setGroundedness(String tenantId, UUID messageId, int claims, int unsupported) {
        retry.run(() -> jdbc.sql("""
                UPDATE messages SET claims = :claims, unsupported_claims = :unsupported
                WHERE tenant_id = :tenant AND id = :id AND role = 'assistant'""")
            .param("claims", claims)
            .param("unsupported", unsupported)
            .param("tenant", tenantId)
            .param("id", messageId)
            .update());
    }

    /** Stores the standalone query retrieval searched for the user message {@code messageId}. */
    public void setStandaloneQuery(String tenantId, UUID messageId, String standaloneQuery) {
        retry.run(() -> jdbc.sql("UPDATE messages SET standalone_query = :query WHERE tenant_id = :tenant AND id = :id AND role = 'user'")
            .param("query", standaloneQuery)
            .param("tenant", tenantId)
            .param("id", messageId)
            .update());
    }

    /** All messages, oldest first.
    public List<StoredMessage> messages(String tenantId, UUID conversationId) {
        return jdbc.sql("""
                SELECT id, role, content, citations::text AS citations, created_at
                FROM messages WHERE tenant_id = :tenant AND conversation_id = :conversation
                ORDER BY created_at, role DESC""")
            .param("tenant", tenantId)
            .param("conversation", conversationId)
            .query(this::message)
            .list();
    }

    /** The latest {@code limit} messages, oldest first. */
    public List<StoredMessage> recentMessages(String tenantId, UUID conversationId, int limit) {
        List<StoredMessage> newestFirst = retry.call(() -> jdbc.sql("""
                SELECT id, role, content, citations::text AS citations, created_at
                FROM messages WHERE tenant_id = :tenant AND conversation_id = :conversation
                ORDER BY created_at DESC, role ASC LIMIT :limit""")
            .param("tenant", tenantId)
            .param("conversation", conversationId)
            .param("limit", limit)
            .query(this::message)
            .list());
        return newestFirst.reversed();
    }

    private void touch(String tenantId, UUID conversationId) {
        jdbc.sql("UPDATE conversations SET updated_at = clock_timestamp() WHERE tenant_id = :tenant AND id = :id")
            .param("tenant", tenantId)
            .param("id", conversationId)
            .update();
    }

    private static Conversation conversation(ResultSet row, int number) throws SQLException {
        return new Conversation(row.getObject("id", UUID.class), row.getString("tenant_id"),
                row.getString("knowledge_base"), row.getString("customer_ref"),
                row.getTimestamp("created_at").toInstant(), row.getString("prompt_variant"));
    }

    private StoredMessage message(ResultSet row, int number) throws SQLException {
        Timestamp created = row.getTimestamp("created_at");
        return new StoredMessage(row.getObject("id", UUID.class), row.getString("role"), row.getString("content"),
                json.readValue(row.getString("citations"), CITATIONS), created.toInstant());
    }
}
