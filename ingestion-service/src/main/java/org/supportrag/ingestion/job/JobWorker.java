package org.supportrag.ingestion.job;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.ingestion.IngestionProperties;
import org.supportrag.ingestion.document.DocumentIngestionService;
import org.supportrag.ingestion.document.FileResult;
import org.supportrag.ingestion.index.IndexUnavailableException;
import org.supportrag.ingestion.source.UrlFetcher;

/**
 * Works the job queue: each worker thread claims one item at a time, ingests it as a service caller of the item's
 * tenant, and records the outcome. Unreadable files fail at once; an unavailable index, a failing URL or a database
 * error puts the item back with exponential backoff until {@code max-attempts}, then it is dead-lettered with the
 * error. A lease kept alive by a heartbeat hands the items of a crashed instance to the others.
 */
@Component
class JobWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

    private final JobRepository jobs;
    private final DocumentIngestionService ingestion;
    private final UrlFetcher fetcher;
    private final IngestionProperties.Jobs settings;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final IngestionMetrics metrics;
    private final String instanceId = ManagementFactory.getRuntimeMXBean().getName() + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private @Nullable ScheduledExecutorService heartbeats;

    JobWorker(JobRepository jobs, DocumentIngestionService ingestion, UrlFetcher fetcher, IngestionProperties properties,
            JsonMapper json, MeterRegistry meters, IngestionMetrics metrics) {
        this.metrics = metrics;
        this.jobs = jobs;
        this.ingestion = ingestion;
        this.fetcher = fetcher;
        this.settings = properties.jobs();
        this.json = json;
        this.meters = meters;
    }

    @Override
    public synchronized void start() {
        if (running || settings.workers() <= 0) {
            return;
        }
        running = true;
        heartbeats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("job-heartbeat").daemon().factory());
        long cleanup = Math.max(100, settings.cleanupInterval().toMillis());
        heartbeats.scheduleWithFixedDelay(this::deleteOldJobs, cleanup, cleanup, TimeUnit.MILLISECONDS);
        for (int i = 0; i < settings.workers(); i++) {
            String workerId = instanceId + "-" + i;
            threads.add(Thread.ofPlatform().name("job-worker-" + i).daemon().start(() -> loop(workerId)));
        }
        log.info("Started {} ingestion job worker(s) on queue {}", settings.workers(), settings.queue());
    }

    @Override
    public synchronized void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void deleteOldJobs() {
        try {
            int deleted = jobs.deleteFinishedBefore(settings.queue(), settings.retention());
            if (deleted > 0) {
                log.info("Deleted {} finished ingestion job(s) older than {}", deleted, settings.retention());
            }
        }
        catch (RuntimeException ex) {
            log.warn("Deleting old ingestion jobs failed: {}", ex.toString());
        }
    }

    private void loop(String workerId) {
        long idle = settings.pollInterval().toMillis();
        while (running) {
            try {
                if (!runOnce(workerId)) {
                    Thread.sleep(idle);
                }
            }
            catch (InterruptedException ex) {
                return;
            }
            catch (RuntimeException ex) {
                // PostgreSQL unreachable (restarting) or a bug: pause, then carry on; leases protect the items.
                log.warn("Job worker {} failed: {}", workerId, ex.toString());
                try {
                    Thread.sleep(Math.max(idle, 1000));
                }
                catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Claims and works one item; false when the queue had nothing due. */
    boolean runOnce(String workerId) {
        Optional<JobRepository.Claimed> claimed = jobs.claim(settings.queue(), workerId, settings.lease());
        if (claimed.isEmpty()) {
            return false;
        }
        JobRepository.Claimed item = claimed.get();
        if (item.attempts() > settings.maxAttempts()) {
            // Claimed again after its worker vanished too often: likely a file that crashes the process.
            finish(item, workerId, "dead", null, "gave up after " + settings.maxAttempts() + " attempts");
            return true;
        }
        ScheduledFuture<?> heartbeat = heartbeat(item, workerId);
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                CallerIdentity.service(item.tenantId(), "ingestion-service"), null, List.of()));
        MDC.put("tenant", item.tenantId());
        MDC.put("job", item.jobId().toString());
        try {
            work(item, workerId);
        }
        finally {
            heartbeat.cancel(false);
            SecurityContextHolder.clearContext();
            MDC.remove("tenant");
            MDC.remove("job");
        }
        return true;
    }

    private void work(JobRepository.Claimed item, String workerId) {
        DocumentIngestionService.Options options = json.readValue(item.optionsJson(), DocumentIngestionService.Options.class);
        try {
            byte[] content = item.content();
            String name = item.name();
            if (item.url() != null) {
                UrlFetcher.Page page = fetcher.fetch(item.url());
                content = page.content();
                if (options.kind() == null) {
                    options = new DocumentIngestionService.Options(kindOf(page), options.aclGroups(), options.tags());
                }
            }
            List<FileResult> results = ingestion.ingest(item.tenantId(), item.knowledgeBase(), name,
                    content == null ? new byte[0] : content, options);
            boolean allFailed = !results.isEmpty() && results.stream().allMatch(result -> result.error() != null);
            finish(item, workerId, allFailed ? "failed" : "done", json.writeValueAsString(results),
                    allFailed ? results.getFirst().error() : null);
        }
        catch (UrlFetcher.FetchException ex) {
            if (ex.retryable()) {
                retry(item, workerId, ex.getMessage());
            }
            else {
                finish(item, workerId, "failed", json.writeValueAsString(List.of(FileResult.failed(item.name(),
                        ex.getMessage()))), ex.getMessage());
            }
        }
        catch (IndexUnavailableException ex) {
            retry(item, workerId, "index unavailable");
        }
        catch (DataAccessException | org.springframework.transaction.TransactionException ex) {
            log.warn("Database error while ingesting item {}: {}", item.id(), ex.toString());
            retry(item, workerId, "database unavailable");
        }
    }

    /** The kind of a fetched page by its content type, when its URL does not say. */
    private static @Nullable String kindOf(UrlFetcher.Page page) {
        String type = page.contentType() == null ? "" : page.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("text/html") || type.startsWith("application/xhtml")) {
            return "html";
        }
        if (type.startsWith("application/pdf")) {
            return "pdf";
        }
        if (type.startsWith("text/markdown")) {
            return "markdown";
        }
        if (type.startsWith("text/plain")) {
            return "text";
        }
        return null;
    }

    private void retry(JobRepository.Claimed item, String workerId, String error) {
        if (item.attempts() >= settings.maxAttempts()) {
            finish(item, workerId, "dead", null, error + " (gave up after " + item.attempts() + " attempts)");
            return;
        }
        Duration delay = backoff(item.attempts());
        log.info("Job item {} failed ({}), attempt {} of {}; next try in {}", item.id(), error, item.attempts(),
                settings.maxAttempts(), delay);
        jobs.retryLater(item.id(), workerId, item.attempts(), error, delay);
    }

    Duration backoff(int attempts) {
        long millis = settings.backoff().toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, settings.maxBackoff().toMillis()));
    }

    private void finish(JobRepository.Claimed item, String workerId, String state, @Nullable String resultJson,
            @Nullable String error) {
        if (!jobs.finish(item.id(), workerId, item.attempts(), state, resultJson, error)) {
            log.warn("Job item {} was taken over by another worker (lease expired); its result is dropped", item.id());
            return;
        }
        metrics.itemFinished(item.tenantId(), state);
    }

    private ScheduledFuture<?> heartbeat(JobRepository.Claimed item, String workerId) {
        long period = Math.max(200, settings.lease().toMillis() / 3);
        ScheduledExecutorService scheduler = heartbeats;
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
            heartbeats = scheduler;
        }
        return scheduler.scheduleWithFixedDelay(() -> {
            try {
                jobs.heartbeat(item.id(), workerId, item.attempts(), settings.lease());
            }
            catch (RuntimeException ex) {
                log.debug("Heartbeat for job item {} failed: {}", item.id(), ex.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }
}
