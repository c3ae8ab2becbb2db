package org.supportrag.eval.experiment;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A run and its progress.
 *
 * @param done    items answered and scored so far
 * @param failed  items whose chat turn failed (scored as failures)
 * @param metrics the run's metrics ({@code ragctl eval answers --json}'s keys), once completed
 */
record RunView(UUID id, String dataset, int datasetVersion, UUID datasetId, Variant variant,
        @Nullable String knowledgeBase, String status, int total, int done, int failed,
        @Nullable Map<String, Object> metrics, @Nullable String error, String createdBy, Instant createdAt,
        @Nullable Instant startedAt, @Nullable Instant finishedAt) {
}
