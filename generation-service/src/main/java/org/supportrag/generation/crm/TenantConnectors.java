package org.supportrag.generation.crm;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * CRM connectors tenant admins set through the API, table {@code tenant_crm_connectors}; a stored one overrides
 * {@link CrmProperties} for its tenant. Cached briefly per replica (a save clears this replica's entry at once).
 */
@Component
class TenantConnectors {

    static final String NONE = "none";
    static final String REST = "rest";
    /** Secret references name environment entries with this prefix only: never the platform's own secrets. */
    static final String SECRET_PREFIX = "RAG_CRM_SECRET_";
    private static final Duration TTL = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final Environment environment;
    private final Cache<String, Optional<Stored>> cache = Caffeine.newBuilder().expireAfterWrite(TTL).build();

    TenantConnectors(JdbcClient jdbc, Environment environment) {
        this.jdbc = jdbc;
        this.environment = environment;
    }

    /**
     * @param kind {@code none} or {@code rest} (the HTTP/JSON connector of {@link CrmClient})
     * @param apiToken write-only credential; never returned
     * @param secretRef name of an environment entry {@code RAG_CRM_SECRET_*} holding the credential instead
     * @param toolCalling null = the configured {@code tool-calling}
     */
    record Stored(String kind, @Nullable URI baseUrl, @Nullable String apiToken, @Nullable String secretRef,
            @Nullable Boolean toolCalling) {

        @Override
        public String toString() {
            return "Stored[kind=" + kind + ", baseUrl=" + baseUrl + ", apiToken=" + CrmProperties.redact(apiToken)
                    + ", secretRef=" + secretRef + "]";
        }
    }

    /**
     * The tenant's connection when it stored a connector: empty when it did not (the configuration decides),
     * an empty inner value when its connector is {@code none}.
     */
    Optional<Optional<CrmProperties.Connection>> connection(String tenantId, boolean defaultToolCalling) {
        return cached(tenantId).map(stored -> {
            if (!REST.equals(stored.kind()) || stored.baseUrl() == null) {
                return Optional.empty();
            }
            String key = stored.apiToken() != null ? stored.apiToken()
                    : stored.secretRef() != null ? environment.getProperty(stored.secretRef()) : null;
            boolean tools = stored.toolCalling() != null ? stored.toolCalling() : defaultToolCalling;
            return Optional.of(new CrmProperties.Connection(tenantId, stored.baseUrl(), key, tools));
        });
    }

    private Optional<Stored> cached(String tenantId) {
        return cache.get(tenantId, this::stored);
    }

    Optional<Stored> stored(String tenantId) {
        return jdbc.sql("""
                SELECT kind, base_url, api_token, secret_ref, tool_calling FROM tenant_crm_connectors
                WHERE tenant_id = :tenant""")
            .param("tenant", tenantId)
            .query((row, n) -> new Stored(row.getString(1),
                    row.getString(2) == null ? null : URI.create(row.getString(2)), row.getString(3),
                    row.getString(4), (Boolean) row.getObject(5)))
            .optional();
    }

    /** Stores the connector; a null token keeps the stored one when the kind and URL stay (write-only field). */
    Stored save(String tenantId, Stored connector, boolean keepToken, String by) {
        Stored previous = stored(tenantId).orElse(null);
        String token = connector.apiToken();
        if (token == null && keepToken && connector.secretRef() == null && previous != null) {
            token = previous.apiToken();
        }
        Stored saved = new Stored(connector.kind(), connector.baseUrl(), token, connector.secretRef(),
                connector.toolCalling());
        jdbc.sql("""
                INSERT INTO tenant_crm_connectors (tenant_id, kind, base_url, api_token, secret_ref, tool_calling,
                                                   updated_by)
                VALUES (:tenant, :kind, :url, :token, :ref, :tools, :by)
                ON CONFLICT (tenant_id) DO UPDATE SET kind = EXCLUDED.kind, base_url = EXCLUDED.base_url,
                    api_token = EXCLUDED.api_token, secret_ref = EXCLUDED.secret_ref,
                    tool_calling = EXCLUDED.tool_calling, updated_at = clock_timestamp(),
                    updated_by = EXCLUDED.updated_by""")
            .param("tenant", tenantId)
            .param("kind", saved.kind())
            .param("url", saved.baseUrl() == null ? null : saved.baseUrl().toString())
            .param("token", saved.apiToken())
            .param("ref", saved.secretRef())
            .param("tools", saved.toolCalling())
            .param("by", by)
            .update();
        cache.invalidate(tenantId);
        return saved;
    }
}
