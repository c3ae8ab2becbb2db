package org.supportrag.generation.usage;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import org.supportrag.defaults.jdbc.DatabaseRetry;
import org.supportrag.generation.model.LlmModel;
import org.supportrag.generation.model.ModelRegistry;

/**
 * Stores usage and cost in PostgreSQL: one row per billable item, plus per-tenant daily totals that budgets are
 * checked against (shared by every replica).
 */
@Repository
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class UsageLedger {

    private final JdbcClient jdbc;
    private final GenAiMetrics metrics;
    private final ModelRegistry models;
    private final TransactionTemplate transactions;
    private final DatabaseRetry retry;

    /** Tokens and money over a period. */
    public record Totals(long tokens, BigDecimal costUsd, BigDecimal savedUsd) {

        public static final Totals ZERO = new Totals(0, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /**
     * Records a turn's items and adds them to the tenant's daily totals, in one transaction. A turn's items (those of
     * a stored conversation's message) are recorded again after a dropped connection, unless an earlier attempt's
     * commit went through: they are counted once.
     */
    public void record(String tenantId, @Nullable UUID conversationId, @Nullable UUID messageId,
            List<UsageItem> items) {
        if (items.isEmpty()) {
            return;
        }
        if (conversationId == null || messageId == null) {
            transactions.executeWithoutResult(status -> insert(tenantId, conversationId, messageId, items));
        }
        else {
            retry.run(() -> transactions.executeWithoutResult(status -> {
                boolean recorded = Boolean.TRUE.equals(jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM llm_usage
                                       WHERE tenant_id = ? AND conversation_id = ? AND message_id = ?)""")
                    .params(tenantId, conversationId, messageId)
                    .query(Boolean.class)
                    .single());
                if (!recorded) {
                    insert(tenantId, conversationId, messageId, items);
                }
            }));
        }
        for (UsageItem item : items) {
            if (item.operation() == UsageItem.Operation.CACHE_SAVED) {
                metrics.saved(tenantId, item.requestModel(), item.costUsd());
            }
            else {
                metrics.usage(tenantId, item);
            }
        }
    }

    private void insert(String tenantId, @Nullable UUID conversationId, @Nullable UUID messageId,
            List<UsageItem> items) {
        BigDecimal saved = BigDecimal.ZERO;
        for (UsageItem item : items) {
            jdbc.sql("""
                    INSERT INTO llm_usage (tenant_id, conversation_id, message_id, operation, model, request_model,
                        outcome, prompt_tokens, completion_tokens, cost_usd)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Arrays.asList(tenantId, conversationId, messageId, item.operation().value(), item.model(),
                        item.requestModel(), item.outcome().value(), item.promptTokens(), item.completionTokens(),
                        item.costUsd()))
                .update();
            if (item.operation() == UsageItem.Operation.CACHE_SAVED) {
                saved = saved.add(item.costUsd());
            }
        }
        jdbc.sql("""
                INSERT INTO tenant_usage_daily (tenant_id, day, tokens, cost_usd, saved_usd)
                VALUES (?, (now() AT TIME ZONE 'UTC')::date, ?, ?, ?)
                ON CONFLICT (tenant_id, day) DO UPDATE SET tokens = tenant_usage_daily.tokens + excluded.tokens,
                    cost_usd = tenant_usage_daily.cost_usd + excluded.cost_usd,
                    saved_usd = tenant_usage_daily.saved_usd + excluded.saved_usd""")
            .params(tenantId, Costs.tokens(items), Costs.spent(items), saved)
            .update();
    }

    /**
     * For the answer cache: records what serving a cached answer instead of calling {@code model} saved, priced as
     * a call with the cached answer's tokens, and returns that amount. Unknown models saved nothing.
     *
     * @param model the configured model name that wrote the cached answer (e.g. {@code primary})
     */
    public BigDecimal recordCacheHit(String tenantId, UUID conversationId, UUID messageId, String model,
            int promptTokens, int completionTokens) {
        LlmModel known = models.find(model).orElse(null);
        if (known == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal saved = Costs.chat(promptTokens, completionTokens, known.settings().promptPricePerMillion(),
                known.settings().completionPricePerMillion());
        record(tenantId, conversationId, messageId, List.of(new UsageItem(UsageItem.Operation.CACHE_SAVED, model,
                known.requestModel(), UsageItem.Outcome.OK, promptTokens, completionTokens, saved)));
        return saved;
    }

    /** The tenant's totals of the current UTC day. */
    public Totals today(String tenantId) {
        return totals(tenantId, "day = (now() AT TIME ZONE 'UTC')::date");
    }

    /** The tenant's totals of the current UTC month. */
    public Totals month(String tenantId) {
        return totals(tenantId, "day >= date_trunc('month', now() AT TIME ZONE 'UTC')::date");
    }

    private Totals totals(String tenantId, String period) {
        return jdbc.sql("SELECT coalesce(sum(tokens), 0) AS tokens, coalesce(sum(cost_usd), 0) AS cost, "
                + "coalesce(sum(saved_usd), 0) AS saved FROM tenant_usage_daily WHERE tenant_id = ? AND " + period)
            .param(tenantId)
            .query((rs, row) -> new Totals(rs.getLong("tokens"), rs.getBigDecimal("cost"), rs.getBigDecimal("saved")))
            .single();
    }

    /** Spending per operation and model over the current UTC month. */
    public record Breakdown(String operation, String model, String requestModel, long calls, long promptTokens,
            long completionTokens, BigDecimal costUsd) {
    }

    public List<Breakdown> monthBreakdown(String tenantId) {
        return jdbc.sql("""
                SELECT operation, model, request_model, count(*) AS calls, sum(prompt_tokens) AS prompt,
                    sum(completion_tokens) AS completion, sum(cost_usd) AS cost
                FROM llm_usage
                WHERE tenant_id = ? AND created_at >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
                GROUP BY operation, model, request_model ORDER BY operation, model""")
            .param(tenantId)
            .query((rs, row) -> new Breakdown(rs.getString("operation"), rs.getString("model"),
                    rs.getString("request_model"), rs.getLong("calls"), rs.getLong("prompt"),
                    rs.getLong("completion"), rs.getBigDecimal("cost")))
            .list();
    }

    /** A conversation's cost so far (cache savings excluded) and what its cache hits saved. */
    public record ConversationUsage(UUID conversationId, long promptTokens, long completionTokens, BigDecimal costUsd,
            BigDecimal savedUsd) {
    }

    public ConversationUsage conversation(String tenantId, UUID conversationId) {
        return jdbc.sql("""
                SELECT coalesce(sum(prompt_tokens) FILTER (WHERE operation <> 'cache_saved'), 0) AS prompt,
                    coalesce(sum(completion_tokens) FILTER (WHERE operation <> 'cache_saved'), 0) AS completion,
                    coalesce(sum(cost_usd) FILTER (WHERE operation <> 'cache_saved'), 0) AS cost,
                    coalesce(sum(cost_usd) FILTER (WHERE operation = 'cache_saved'), 0) AS saved
                FROM llm_usage WHERE tenant_id = ? AND conversation_id = ?""")
            .params(tenantId, conversationId)
            .query((rs, row) -> new ConversationUsage(conversationId, rs.getLong("prompt"), rs.getLong("completion"),
                    rs.getBigDecimal("cost"), rs.getBigDecimal("saved")))
            .single();
    }
}
