package org.supportrag.ingestion.outbox;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.supportrag.ingestion.IngestionProperties;

/**
 * Records that documents changed, in the caller's transaction: the event exists exactly when the change committed.
 * {@link ChangePublisher} sends it to generation afterwards, retrying until it is accepted.
 */
@Component
public class ChangeOutbox {

    public static final String UPDATED = "updated";
    public static final String DELETED = "deleted";

    private final JdbcClient jdbc;
    private final String queue;

    ChangeOutbox(JdbcClient jdbc, IngestionProperties properties) {
        this.jdbc = jdbc;
        this.queue = properties.jobs().queue();
    }

    public void add(String tenantId, String knowledgeBase, List<UUID> documentIds, String change) {
        jdbc.sql("INSERT INTO ingestion.change_outbox (tenant_id, queue, knowledge_base, document_ids, change) "
                + "VALUES (?, ?, ?, ?::uuid[], ?)")
            .params(tenantId, queue, knowledgeBase, "{" + String.join(",", documentIds.stream().map(UUID::toString).toList()) + "}",
                    change)
            .update();
    }
}
