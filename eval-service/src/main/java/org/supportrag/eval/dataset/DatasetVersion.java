package org.supportrag.eval.dataset;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One immutable version of a tenant's named dataset.
 *
 * @param kind          {@code answers} or {@code beir}
 * @param knowledgeBase the knowledge base its items are asked against by default, when set
 */
public record DatasetVersion(UUID id, String tenantId, String name, int version, String kind,
        @Nullable String knowledgeBase, @Nullable String description, int itemCount, String createdBy,
        Instant createdAt) {

    public static final String ANSWERS = "answers";
    public static final String BEIR = "beir";
}
