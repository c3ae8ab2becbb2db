package org.supportrag.generation.guardrail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.jdbc.DatabaseRetry;
import org.supportrag.generation.confidence.ConfidenceProperties;

/**
 * Per-tenant policies in table {@code tenant_policies}, merged over the configured defaults and cached briefly per
 * replica (a change on another replica shows within {@code policy-cache-ttl}).
 */
@Component
class TenantPolicies {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final GuardrailProperties guardrails;
    private final ConfidenceProperties confidence;
    private final Cache<String, TenantPolicy> cache;
    private final DatabaseRetry retry;

    TenantPolicies(JdbcClient jdbc, JsonMapper json, GuardrailProperties guardrails, ConfidenceProperties confidence,
            DatabaseRetry retry) {
        this.retry = retry;
        this.jdbc = jdbc;
        this.json = json;
        this.guardrails = guardrails;
        this.confidence = confidence;
        this.cache = Caffeine.newBuilder().expireAfterWrite(guardrails.policyCacheTtl()).build();
    }

    /** The tenant's own settings; every field null where it uses the default. */
    record Stored(@Nullable List<String> bannedTopics, @Nullable List<String> offTopicTerms,
            @Nullable Double caveatBelow, @Nullable Double escalateBelow, @Nullable String blockedAction) {
    }

    public TenantPolicy of(String tenantId) {
        return cache.get(tenantId,
                tenant -> merge(retry.call(() -> stored(tenant)).orElse(new Stored(null, null, null, null, null))));
    }

    TenantPolicy merge(Stored stored) {
        return new TenantPolicy(
                stored.bannedTopics() != null ? stored.bannedTopics() : guardrails.bannedTopics(),
                stored.offTopicTerms() != null ? stored.offTopicTerms() : guardrails.offTopicTerms(),
                stored.caveatBelow() != null ? stored.caveatBelow() : confidence.caveatBelow(),
                stored.escalateBelow() != null ? stored.escalateBelow() : confidence.escalateBelow(),
                stored.blockedAction() != null ? stored.blockedAction() : guardrails.blockedAction());
    }

    Optional<Stored> stored(String tenantId) {
        return jdbc.sql("""
                SELECT banned_topics::text AS banned_topics, off_topic_terms::text AS off_topic_terms, caveat_below,
                       escalate_below, blocked_action
                FROM tenant_policies WHERE tenant_id = :tenant""")
            .param("tenant", tenantId)
            .query(this::row)
            .optional();
    }

    void save(String tenantId, Stored policy, String by) {
        jdbc.sql("""
                INSERT INTO tenant_policies (tenant_id, banned_topics, off_topic_terms, caveat_below, escalate_below,
                                             blocked_action, updated_by)
                VALUES (:tenant, CAST(:banned AS jsonb), CAST(:offTopic AS jsonb), :caveat, :escalate, :action, :by)
                ON CONFLICT (tenant_id) DO UPDATE SET banned_topics = EXCLUDED.banned_topics,
                    off_topic_terms = EXCLUDED.off_topic_terms, caveat_below = EXCLUDED.caveat_below,
                    escalate_below = EXCLUDED.escalate_below, blocked_action = EXCLUDED.blocked_action,
                    updated_at = clock_timestamp(), updated_by = EXCLUDED.updated_by""")
            .param("tenant", tenantId)
            .param("banned", policy.bannedTopics() == null ? null : json.writeValueAsString(policy.bannedTopics()))
            .param("offTopic", policy.offTopicTerms() == null ? null : json.writeValueAsString(policy.offTopicTerms()))
            .param("caveat", policy.caveatBelow())
            .param("escalate", policy.escalateBelow())
            .param("action", policy.blockedAction())
            .param("by", by)
            .update();
        cache.invalidate(tenantId);
    }

    private Stored row(ResultSet row, int number) throws SQLException {
        return new Stored(strings(row.getString("banned_topics")), strings(row.getString("off_topic_terms")),
                (Double) row.getObject("caveat_below"), (Double) row.getObject("escalate_below"),
                row.getString("blocked_action"));
    }

    private @Nullable List<String> strings(@Nullable String value) {
        return value == null ? null : json.readValue(value, STRINGS);
    }
}
