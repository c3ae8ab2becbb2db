package org.supportrag.gateway.tenants;

import java.net.URI;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

import org.supportrag.defaults.resilience.PeerClients;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.security.Roles;
import org.supportrag.gateway.GatewayProperties;
import org.supportrag.gateway.audit.AuditLog;

/**
 * Purges deleted tenants' data in the data services: right after a deletion and then every retry interval until
 * each service has confirmed. Each service removes the tenant's rows from its own schema ({@code DELETE
 * /internal/v1/tenants/{tenant}/data}, idempotent) with a service token minted for that tenant only. Every
 * confirmation is recorded in the tenant's audit log, which itself is never purged.
 */
@Component
@EnableScheduling
@EnableConfigurationProperties(TenantPurgeProperties.class)
class TenantPurges {

    /** The subject of purge tokens; the services accept a purge only from a service token for the purged tenant. */
    static final String PURGE_SUBJECT = "tenant-purge";
    static final String DATA_PATH = "/internal/v1/tenants/{tenant}/data";

    private static final Logger log = LoggerFactory.getLogger(TenantPurges.class);

    private static final String COLUMNS = """
            tenant_id, name, requested_by, requested_at, pending_services, purged_at, attempts, last_attempt_at,
            last_error, final_pass_at""";

    private final JdbcClient jdbc;
    private final InternalTokenService tokens;
    private final AuditLog auditLog;
    private final RestClient http;
    private final Map<String, URI> services;
    private final Duration finalPassAfter;
    private final ExecutorService soon = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("tenant-purge").factory());

    TenantPurges(JdbcClient jdbc, InternalTokenService tokens, AuditLog auditLog, GatewayProperties gateway,
            TenantPurgeProperties properties, RestClient.Builder builder) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.auditLog = auditLog;
        this.http = builder.clone()
            .requestFactory(PeerClients.jdkRequests(gateway.connectTimeout(), properties.timeout()))
            .build();
        this.finalPassAfter = properties.finalPassAfter();
        this.services = Map.of("ingestion", gateway.ingestionUrl(), "retrieval", gateway.retrievalUrl(),
                "generation", gateway.generationUrl(), "eval", gateway.evalUrl());
    }

    /** Starts the purge of one tenant now, off the request thread; failures are retried by the schedule. */
    void startSoon(String tenantId) {
        soon.execute(() -> purge(tenantId));
    }

    @Scheduled(initialDelayString = "${rag.gateway.tenant-purge.retry-interval:1m}",
            fixedDelayString = "${rag.gateway.tenant-purge.retry-interval:1m}")
    void retryPending() {
        List<String> pending = jdbc.sql("SELECT tenant_id FROM tenant_deletions WHERE purged_at IS NULL ORDER BY requested_at")
            .query(String.class)
            .list();
        pending.forEach(this::purge);
        List<String> settled = jdbc.sql("""
                SELECT tenant_id FROM tenant_deletions
                 WHERE purged_at IS NOT NULL AND final_pass_at IS NULL AND purged_at <= now() - make_interval(secs => :after)
                 ORDER BY purged_at
                """)
            .param("after", (double) finalPassAfter.toMillis() / 1000)
            .query(String.class)
            .list();
        settled.forEach(this::finalPass);
    }

    /** Every service once more; done when all of them confirmed, else the next schedule tries again. */
    synchronized void finalPass(String tenantId) {
        for (Map.Entry<String, URI> service : new TreeMap<>(services).entrySet()) {
            try {
                delete(service.getValue(), tenantId);
            }
            catch (RuntimeException ex) {
                log.warn("Final purge of tenant data in {} failed, will retry: {}", service.getKey(), ex.getMessage());
                return;
            }
        }
        jdbc.sql("UPDATE tenant_deletions SET final_pass_at = now() WHERE tenant_id = :tenant")
            .param("tenant", tenantId)
            .update();
        auditLog.recordSystem(tenantId, PURGE_SUBJECT, "tenant.purge.final", "service:all", AuditLog.SUCCESS);
    }

    private void delete(URI base, String tenantId) {
        http.delete()
            .uri(UriComponentsBuilder.fromUri(base).path(DATA_PATH).buildAndExpand(tenantId).toUri())
            .headers(headers -> headers.setBearerAuth(tokens.mint(purgeCaller(tenantId))))
            .retrieve()
            .toBodilessEntity();
    }

    /** One attempt at every service still holding the tenant's data. */
    synchronized void purge(String tenantId) {
        Optional<Purge> current = find(tenantId);
        if (current.isEmpty() || current.get().purgedAt() != null) {
            return;
        }
        List<String> failures = new ArrayList<>();
        for (String service : current.get().pendingServices()) {
            URI base = services.get(service);
            try {
                if (base == null) {
                    throw new IllegalStateException("unknown service");
                }
                delete(base, tenantId);
                confirm(tenantId, service);
            }
            catch (RuntimeException ex) {
                // The message names the service and the status, never tenant data.
                failures.add(service + ": " + ex.getClass().getSimpleName());
                log.warn("Purging tenant data in {} failed, will retry: {}", service, ex.getMessage());
            }
        }
        jdbc.sql("""
                UPDATE tenant_deletions SET attempts = attempts + 1, last_attempt_at = now(), last_error = :error,
                       purged_at = CASE WHEN cardinality(pending_services) = 0 THEN now() END
                 WHERE tenant_id = :tenant
                """)
            .param("tenant", tenantId)
            .param("error", failures.isEmpty() ? null : String.join("; ", failures))
            .update();
    }

    private void confirm(String tenantId, String service) {
        jdbc.sql("UPDATE tenant_deletions SET pending_services = array_remove(pending_services, :service) WHERE tenant_id = :tenant")
            .param("service", service)
            .param("tenant", tenantId)
            .update();
        auditLog.recordSystem(tenantId, PURGE_SUBJECT, "tenant.purge", "service:" + service, AuditLog.SUCCESS);
    }

    List<Purge> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant_deletions ORDER BY requested_at DESC, tenant_id")
            .query((rs, row) -> purge(rs))
            .list();
    }

    Optional<Purge> find(String tenantId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant_deletions WHERE tenant_id = :tenant")
            .param("tenant", tenantId)
            .query((rs, row) -> purge(rs))
            .optional();
    }

    static CallerIdentity purgeCaller(String tenantId) {
        return new CallerIdentity(tenantId, PURGE_SUBJECT, Set.of(Roles.SERVICE), Set.of(), null);
    }

    private static Purge purge(java.sql.ResultSet rs) throws SQLException {
        List<String> pending = strings(rs.getArray("pending_services"));
        OffsetDateTime purged = rs.getObject("purged_at", OffsetDateTime.class);
        OffsetDateTime attempted = rs.getObject("last_attempt_at", OffsetDateTime.class);
        OffsetDateTime finalPass = rs.getObject("final_pass_at", OffsetDateTime.class);
        return new Purge(rs.getString("tenant_id"), rs.getString("name"), rs.getString("requested_by"),
                Tenants.instant(rs, "requested_at"), purged != null ? "purged" : "pending", pending,
                purged == null ? null : purged.toInstant(), rs.getInt("attempts"),
                attempted == null ? null : attempted.toInstant(), rs.getString("last_error"),
                finalPass == null ? null : finalPass.toInstant());
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    @PreDestroy
    void stop() {
        soon.shutdownNow();
    }

    /**
     * A deleted tenant's purge: {@code pending} until every data service confirmed, then {@code purged}.
     *
     * @param lastError the services that failed on the last attempt (no tenant data in it)
     * @param finalPassAt when every service was purged once more, after the jobs running at deletion time ended
     */
    record Purge(String tenantId, String name, String requestedBy, Instant requestedAt, String status,
            List<String> pendingServices, @Nullable Instant purgedAt, int attempts, @Nullable Instant lastAttemptAt,
            @Nullable String lastError, @Nullable Instant finalPassAt) {
    }
}
