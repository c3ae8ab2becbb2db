package org.supportrag.ingestion.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Jobs and their items in PostgreSQL. Items are claimed with {@code FOR UPDATE SKIP LOCKED} under a lease: a worker
 * that dies (process killed, PostgreSQL restarted) loses its items when the lease runs out, and every write of a
 * result is fenced by the worker id and attempt number, so a worker that lost its lease cannot overwrite the next
 * one's outcome.
 */
@Repository
@RequiredArgsConstructor
class JobRepository {

    private final JdbcClient jdbc;

    record Job(UUID id, String tenantId, String knowledgeBase, String source, String createdBy, String optionsJson,
            @Nullable Instant cancelledAt, Instant createdAt) {
    }

    record Item(long id, UUID jobId, int ordinal, String name, @Nullable String url, String state, int attempts,
            @Nullable String resultJson, @Nullable String error, Instant updatedAt) {
    }

    /** A claimed item with what its worker needs. */
    record Claimed(long id, UUID jobId, String tenantId, String knowledgeBase, String name, byte @Nullable [] content,
            @Nullable String url, int attempts, String optionsJson) {
    }

    void createJob(UUID id, String tenantId, String knowledgeBase, String queue, String source, String createdBy,
            String optionsJson) {
        jdbc.sql("INSERT INTO ingestion.jobs (id, tenant_id, knowledge_base, queue, source, created_by, options) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)")
            .params(id, tenantId, knowledgeBase, queue, source, createdBy, optionsJson)
            .update();
    }

    void addItem(UUID jobId, String tenantId, String queue, int ordinal, String name, byte @Nullable [] content,
            @Nullable String url) {
        jdbc.sql("INSERT INTO ingestion.job_items (job_id, tenant_id, queue, ordinal, name, content, url, state) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, 'queued')")
            .params(Arrays.asList(jobId, tenantId, queue, ordinal, name, content, url))
            .update();
    }

    /** An item that failed before any work (an archive entry too large, say): finished at once. */
    void addFailedItem(UUID jobId, String tenantId, String queue, int ordinal, String name, String resultJson,
            String error) {
        jdbc.sql("INSERT INTO ingestion.job_items (job_id, tenant_id, queue, ordinal, name, state, result, error) "
                + "VALUES (?, ?, ?, ?, ?, 'failed', ?::jsonb, ?)")
            .params(jobId, tenantId, queue, ordinal, name, resultJson, error)
            .update();
    }

    Optional<Claimed> claim(String queue, String workerId, Duration lease) {
        return jdbc.sql("""
                WITH next AS (
                    SELECT id FROM ingestion.job_items
                    WHERE queue = ? AND ((state = 'queued' AND next_attempt_at <= now())
                        OR (state = 'running' AND locked_until < now()))
                    ORDER BY next_attempt_at, id
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                UPDATE ingestion.job_items i SET state = 'running', attempts = i.attempts + 1, locked_by = ?,
                    locked_until = now() + make_interval(secs => ?), updated_at = now()
                FROM next, ingestion.jobs j
                WHERE i.id = next.id AND j.id = i.job_id
                RETURNING i.id, i.job_id, i.tenant_id, j.knowledge_base, i.name, i.content, i.url, i.attempts,
                    j.options::text AS options""")
            .params(queue, workerId, lease.toMillis() / 1000.0)
            .query((rs, row) -> new Claimed(rs.getLong("id"), rs.getObject("job_id", UUID.class),
                    rs.getString("tenant_id"), rs.getString("knowledge_base"), rs.getString("name"),
                    rs.getBytes("content"), rs.getString("url"), rs.getInt("attempts"), rs.getString("options")))
            .optional();
    }

    /** Extends the lease; false when the item is no longer this worker's. */
    boolean heartbeat(long itemId, String workerId, int attempts, Duration lease) {
        return jdbc.sql("UPDATE ingestion.job_items SET locked_until = now() + make_interval(secs => ?) "
                + "WHERE id = ? AND state = 'running' AND locked_by = ? AND attempts = ?")
            .params(lease.toMillis() / 1000.0, itemId, workerId, attempts)
            .update() == 1;
    }

    /** Ends the item in state done, failed or dead (locked_by then names who finished it); false when lost. */
    boolean finish(long itemId, String workerId, int attempts, String state, @Nullable String resultJson,
            @Nullable String error) {
        return jdbc.sql("""
                UPDATE ingestion.job_items SET state = ?, result = ?::jsonb, error = ?, content = NULL,
                    locked_until = NULL, updated_at = now()
                WHERE id = ? AND state = 'running' AND locked_by = ? AND attempts = ?""")
            .params(Arrays.asList(state, resultJson, error, itemId, workerId, attempts))
            .update() == 1;
    }

    /** Puts the item back in the queue for another try after {@code delay}. */
    boolean retryLater(long itemId, String workerId, int attempts, String error, Duration delay) {
        return jdbc.sql("""
                UPDATE ingestion.job_items SET state = 'queued', error = ?, locked_by = NULL, locked_until = NULL,
                    next_attempt_at = now() + make_interval(secs => ?), updated_at = now()
                WHERE id = ? AND state = 'running' AND locked_by = ? AND attempts = ?""")
            .params(error, delay.toMillis() / 1000.0, itemId, workerId, attempts)
            .update() == 1;
    }

    /** Deletes finished jobs (with their items) and dead change events older than {@code retention}; returns jobs. */
    int deleteFinishedBefore(String queue, Duration retention) {
        double seconds = retention.toMillis() / 1000.0;
        int jobs = jdbc.sql("""
                DELETE FROM ingestion.jobs j WHERE j.queue = ? AND j.created_at < now() - make_interval(secs => ?)
                AND NOT EXISTS (SELECT 1 FROM ingestion.job_items i
                                WHERE i.job_id = j.id AND i.state IN ('queued', 'running'))""")
            .params(queue, seconds)
            .update();
        jdbc.sql("DELETE FROM ingestion.change_outbox WHERE queue = ? AND dead_at < now() - make_interval(secs => ?)")
            .params(queue, seconds)
            .update();
        return jobs;
    }

    boolean isCancelled(UUID jobId) {
        return jdbc.sql("SELECT cancelled_at IS NOT NULL FROM ingestion.jobs WHERE id = ?")
            .param(jobId)
            .query(Boolean.class)
            .optional()
            .orElse(true);
    }

    /** Cancels the job: items not started yet are dropped; running ones finish. False when there is no such job. */
    boolean cancel(String tenantId, String knowledgeBase, UUID jobId) {
        int jobs = jdbc.sql("UPDATE ingestion.jobs SET cancelled_at = coalesce(cancelled_at, now()) "
                + "WHERE id = ? AND tenant_id = ? AND knowledge_base = ?")
            .params(jobId, tenantId, knowledgeBase)
            .update();
        if (jobs == 0) {
            return false;
        }
        jdbc.sql("UPDATE ingestion.job_items SET state = 'cancelled', content = NULL, updated_at = now() "
                + "WHERE job_id = ? AND state = 'queued'")
            .param(jobId)
            .update();
        return true;
    }

    Optional<Job> findJob(String tenantId, String knowledgeBase, UUID jobId) {
        return jdbc.sql("SELECT id, tenant_id, knowledge_base, source, created_by, options::text AS options, cancelled_at, "
                + "created_at FROM ingestion.jobs WHERE id = ? AND tenant_id = ? AND knowledge_base = ?")
            .params(jobId, tenantId, knowledgeBase)
            .query(JobRepository::job)
            .optional();
    }

    List<Job> listJobs(String tenantId, String knowledgeBase, int limit) {
        return jdbc.sql("SELECT id, tenant_id, knowledge_base, source, created_by, options::text AS options, cancelled_at, "
                + "created_at FROM ingestion.jobs WHERE tenant_id = ? AND knowledge_base = ? "
                + "ORDER BY created_at DESC LIMIT ?")
            .params(tenantId, knowledgeBase, limit)
            .query(JobRepository::job)
            .list();
    }

    List<Item> items(UUID jobId) {
        return jdbc.sql("SELECT id, job_id, ordinal, name, url, state, attempts, result::text AS result, error, updated_at "
                + "FROM ingestion.job_items WHERE job_id = ? ORDER BY ordinal")
            .param(jobId)
            .query((rs, row) -> new Item(rs.getLong("id"), rs.getObject("job_id", UUID.class), rs.getInt("ordinal"),
                    rs.getString("name"), rs.getString("url"), rs.getString("state"), rs.getInt("attempts"),
                    rs.getString("result"), rs.getString("error"), instant(rs, "updated_at")))
            .list();
    }

    private static Job job(ResultSet rs, int row) throws SQLException {
        return new Job(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("knowledge_base"),
                rs.getString("source"), rs.getString("created_by"), rs.getString("options"),
                rs.getObject("cancelled_at") == null ? null : instant(rs, "cancelled_at"), instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
