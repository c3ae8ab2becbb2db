package org.supportrag.ragctl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Uploads files in batches, each becoming an ingestion job on the service, and adds up the outcome once the jobs
 * finished; the next batch is uploaded while the previous job runs. A batch is bounded by file count (the ingestion service reads at
 * most 100 parts per request) and by bytes (the gateway's upload limit is 60 MB by default).
 */
final class Uploader {

    static final int MAX_FILES_PER_REQUEST = 100;
    static final long MAX_BYTES_PER_REQUEST = 32L * 1024 * 1024;

    /** Totals over every batch. */
    record Summary(int created, int updated, int unchanged, int failed, Map<String, String> failures) {

        String line() {
            return "created " + created + ", updated " + updated + ", unchanged " + unchanged + ", failed " + failed;
        }
    }

    private final GatewayClient client;
    private final String knowledgeBase;
    private final int batchSize;
    private final Progress progress;
    private final List<GatewayClient.Upload> pending = new ArrayList<>();
    private final Map<String, String> failures = new LinkedHashMap<>();
    private long pendingBytes;
    private int created;
    private int updated;
    private int unchanged;
    private int failed;
    private long sent;
    private long finished;
    private final java.util.ArrayDeque<Submitted> jobs = new java.util.ArrayDeque<>();

    /** A job in flight: its URL and how many files it has. */
    private record Submitted(String url, int files) {
    }

    Uploader(GatewayClient client, String knowledgeBase, int batchSize, Progress progress) {
        this.client = client;
        this.knowledgeBase = knowledgeBase;
        this.batchSize = Math.clamp(batchSize, 1, MAX_FILES_PER_REQUEST);
        this.progress = progress;
    }

    void add(GatewayClient.Upload file) {
        if (!pending.isEmpty() && pendingBytes + file.content().length > MAX_BYTES_PER_REQUEST) {
            flush();
        }
        pending.add(file);
        pendingBytes += file.content().length;
        if (pending.size() >= batchSize) {
            flush();
        }
    }

    Summary finish() {
        flush();
        while (!jobs.isEmpty()) {
            awaitOldest();
        }
        progress.finish();
        return new Summary(created, updated, unchanged, failed, Map.copyOf(failures));
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        // At most one job waiting behind the running one: bounded memory on the service, steady progress here.
        while (jobs.size() >= 2) {
            awaitOldest();
        }
        jobs.add(new Submitted(client.submit(knowledgeBase, List.copyOf(pending)), pending.size()));
        sent += pending.size();
        pending.clear();
        pendingBytes = 0;
    }

    private void awaitOldest() {
        Submitted job = jobs.removeFirst();
        GatewayClient.UploadResult result = client.awaitJob(job.url(), done -> progress.update(finished + done));
        finished += job.files();
        progress.update(finished);
        created += result.created();
        updated += result.updated();
        unchanged += result.unchanged();
        failed += result.failed();
        failures.putAll(result.failures());
    }
}
