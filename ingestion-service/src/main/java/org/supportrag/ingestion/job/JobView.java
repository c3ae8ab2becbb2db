package org.supportrag.ingestion.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job as the API shows it. The counters and {@code documents} (one entry per finished document, as the
 * synchronous upload answered before jobs existed) fill in while the job runs.
 *
 * @param status {@code queued}, {@code running}, {@code completed} (every file finished, some perhaps failed),
 *        {@code cancelling} (files being worked on finish first) or {@code cancelled}
 * @param documents per-document outcomes of finished files: {@code documentId, name, status, version, chunks, error}
 * @param files every file (or URL) of the job with its state: {@code queued, running, done, failed, dead, cancelled}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record JobView(UUID jobId, String knowledgeBase, String source, String status, String jobUrl, Instant createdAt,
        @Nullable Instant finishedAt, Progress progress, int created, int updated, int unchanged, int failed,
        List<JsonNode> documents, List<FileState> files) {

    static final Set<String> FINISHED = Set.of("done", "failed", "dead", "cancelled");

    /**
     * @param files files (or URLs) in the job
     * @param filesDone files finished, whatever their outcome
     * @param documents documents finished (a ticket export holds many)
     * @param chunks chunks indexed by this job
     * @param errors documents and files that failed
     */
    record Progress(int files, int filesDone, int documents, int chunks, int errors) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileState(String name, String state, int attempts, @Nullable String error) {
    }

    static String url(String knowledgeBase, UUID jobId) {
        return "/api/v1/knowledge-bases/" + knowledgeBase + "/jobs/" + jobId;
    }

    static JobView of(JobRepository.Job job, List<JobRepository.Item> items, JsonMapper json) {
        List<JsonNode> documents = new ArrayList<>();
        List<FileState> files = new ArrayList<>();
        int done = 0;
        int chunks = 0;
        int[] counts = new int[4];
        boolean started = false;
        Instant last = null;
        for (JobRepository.Item item : items) {
            boolean finished = FINISHED.contains(item.state());
            started |= finished || item.attempts() > 0;
            if (finished) {
                done++;
                last = last == null || item.updatedAt().isAfter(last) ? item.updatedAt() : last;
            }
            files.add(new FileState(item.name(), item.state(), item.attempts(),
                    item.state().equals("queued") && item.attempts() > 0 || finished && !item.state().equals("done")
                            ? item.error() : null));
            if (item.state().equals("dead")) {
                documents.add(json.createObjectNode()
                    .put("name", item.name())
                    .put("status", "failed")
                    .put("error", item.error() == null ? "failed" : item.error()));
                counts[3]++;
                continue;
            }
            if (item.resultJson() == null) {
                continue;
            }
            for (JsonNode result : json.readTree(item.resultJson())) {
                documents.add(result);
                chunks += result.path("status").asString("").equals("unchanged") ? 0 : result.path("chunks").asInt(0);
                switch (result.path("status").asString("")) {
                    case "created" -> counts[0]++;
                    case "updated" -> counts[1]++;
                    case "unchanged" -> counts[2]++;
                    default -> counts[3]++;
                }
            }
        }
        boolean allDone = done == items.size();
        String status = job.cancelledAt() != null ? allDone ? "cancelled" : "cancelling"
                : allDone ? "completed" : started ? "running" : "queued";
        Instant finishedAt = job.cancelledAt() != null && allDone ? job.cancelledAt() : allDone ? last : null;
        return new JobView(job.id(), job.knowledgeBase(), job.source(), status, url(job.knowledgeBase(), job.id()),
                job.createdAt(), finishedAt == null && allDone ? job.createdAt() : finishedAt,
                new Progress(items.size(), done, documents.size(), chunks, counts[3]), counts[0], counts[1], counts[2],
                counts[3], documents, files);
    }
}
