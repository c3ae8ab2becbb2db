package org.supportrag.ingestion.outbox;

import java.sql.Array;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import org.supportrag.contracts.generation.v1.DocumentChanges;
import org.supportrag.contracts.generation.v1.GenerationApi;
import org.supportrag.defaults.resilience.RemoteCall;
import org.supportrag.defaults.resilience.RemoteCallRefusedException;
import org.supportrag.defaults.resilience.RemoteCalls;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.ingestion.IngestionProperties;

/**
 * Sends recorded document changes to generation's cache invalidation API, oldest first, with exponential backoff
 * per event. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several replicas never send one twice at the
 * same time; an event is deleted only after generation accepted it (at-least-once delivery: generation's
 * invalidation is idempotent). Guarded as {@code outbox-publisher} (breaker, bulkhead), never retried inline: the
 * outbox's backoff is the retry, and while the breaker is open events wait without spending their attempts.
 */
@Component
class ChangePublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangePublisher.class);
    static final int MAX_ATTEMPTS = 20;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RestClient client;
    private final RemoteCall guard;
    private final InternalTokenService tokens;
    private final IngestionProperties.Jobs settings;
    private volatile @Nullable ScheduledExecutorService executor;

    ChangePublisher(JdbcClient jdbc, TransactionTemplate transactions, RestClient.Builder builder,
            InternalTokenService tokens, IngestionProperties properties,
            ObjectProvider<HttpClientSettings> clientSettings, RemoteCalls remoteCalls) {
        this.jdbc = jdbc;
        this.guard = remoteCalls.notRetried("outbox-publisher");
        this.transactions = transactions;
        this.tokens = tokens;
        this.settings = properties.jobs();
        HttpClientSettings http = clientSettings.getIfAvailable(HttpClientSettings::defaults)
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));
        this.client = builder.clone()
            .baseUrl(properties.generationUrl().toString())
            // The JDK client, not httpclient5 (on the classpath for URL imports): its default retry of 503
            // answers would hide failures from the job's own retries and backoff.
            .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(http))
            .build();
    }

    /** Sends every due event; returns how many were sent. */
    int publishDue() {
        int sent = 0;
        while (true) {
            Boolean more = transactions.execute(status -> publishOne());
            if (more == null || !more) {
                return sent;
            }
            sent++;
        }
    }

    private boolean publishOne() {
        record Event(long id, String tenantId, String knowledgeBase, List<UUID> documentIds, String change, int attempts) {
        }
        List<Event> due = jdbc.sql("""
                SELECT id, tenant_id, knowledge_base, document_ids, change, attempts FROM ingestion.change_outbox
                WHERE queue = ? AND dead_at IS NULL AND next_attempt_at <= now()
                ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""")
            .param(settings.queue())
            .query((rs, row) -> {
                Array array = rs.getArray("document_ids");
                List<UUID> ids = Arrays.stream((Object[]) array.getArray()).map(id -> (UUID) id).toList();
                return new Event(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("knowledge_base"), ids,
                        rs.getString("change"), rs.getInt("attempts"));
            })
            .list();
        if (due.isEmpty()) {
            return false;
        }
        Event event = due.getFirst();
        try {
            guard.run(() -> client.post()
                .uri(GenerationApi.DOCUMENT_CHANGES)
                .header(HttpHeaders.AUTHORIZATION,
                        "Bearer " + tokens.mint(CallerIdentity.service(event.tenantId(), "ingestion-service")))
                .contentType(MediaType.APPLICATION_JSON)
                .body(new DocumentChanges(event.knowledgeBase(), event.documentIds(), event.change()))
                .retrieve()
                .toBodilessEntity());
            jdbc.sql("DELETE FROM ingestion.change_outbox WHERE id = ?").param(event.id()).update();
        }
        catch (RemoteCallRefusedException ex) {
            // Not attempted: the event keeps its attempts and waits for the next round.
            log.debug("Document change event {} not sent: {}", event.id(), ex.getMessage());
            return false;
        }
        catch (RestClientException ex) {
            int attempts = event.attempts() + 1;
            Duration delay = backoff(attempts);
            log.warn("Sending document change event {} to generation failed (attempt {}): {}", event.id(), attempts,
                    ex.toString());
            jdbc.sql("""
                    UPDATE ingestion.change_outbox SET attempts = ?, last_error = ?,
                        next_attempt_at = now() + make_interval(secs => ?),
                        dead_at = CASE WHEN ? >= ? THEN now() END
                    WHERE id = ?""")
                .params(attempts, truncate(ex.getMessage()), delay.toMillis() / 1000.0, attempts, MAX_ATTEMPTS, event.id())
                .update();
        }
        return true;
    }

    Duration backoff(int attempts) {
        long millis = settings.backoff().toMillis() << Math.min(attempts - 1, 20);
        return Duration.ofMillis(Math.min(millis, settings.maxBackoff().toMillis()));
    }

    private static String truncate(@Nullable String message) {
        String text = message == null ? "failed" : message;
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    @Override
    public void start() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("change-publisher").daemon().factory());
        long period = Math.max(100, settings.pollInterval().toMillis());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                publishDue();
            }
            catch (RuntimeException ex) {
                // PostgreSQL down or restarting: try again on the next round.
                log.warn("Publishing document changes failed: {}", ex.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        executor = scheduler;
    }

    @Override
    public void stop() {
        ScheduledExecutorService scheduler = executor;
        if (scheduler != null) {
            scheduler.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
