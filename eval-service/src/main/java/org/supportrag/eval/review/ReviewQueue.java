package org.supportrag.eval.review;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import org.supportrag.defaults.sampling.Sampling;
import org.supportrag.eval.generation.GenerationClient;
import org.supportrag.eval.generation.LoggedTurn;
import org.supportrag.eval.online.SamplerPositions;

/**
 * Samples answered, not escalated turns into the review queue so that agents label what customers were told, not
 * only what was escalated. Sampling is deterministic per message and inserts are idempotent, so replicas sampling at
 * the same time add nothing twice.
 */
@Service
@RequiredArgsConstructor
class ReviewQueue {

    static final String SAMPLER = "review";
    private static final Logger log = LoggerFactory.getLogger(ReviewQueue.class);

    private final GenerationClient generation;
    private final SamplerPositions positions;
    private final JdbcClient jdbc;
    private final ReviewProperties properties;
    private final Clock clock = Clock.systemUTC();

    /**
     * @param label the latest agent label of the answer, null while it waits
     */
    record Item(UUID messageId, UUID conversationId, @Nullable String knowledgeBase, String question, String answer,
            @Nullable Double confidence, Instant answeredAt, Instant sampledAt, @Nullable String label,
            @Nullable String labelledBy) {
    }

    /** {@code precision}: correct / labelled, the share of sampled answers agents found right. */
    record Summary(int sampled, int labelled, int correct, @Nullable Double precision) {
    }

    @Scheduled(fixedDelayString = "${rag.eval.review.interval:10m}", initialDelayString = "${rag.eval.review.interval:10m}")
    void scheduled() {
        if (!properties.enabled()) {
            return;
        }
        try {
            generation.tenants(clock.instant().minus(properties.lookback())).forEach(this::sample);
        }
        catch (RuntimeException ex) {
            log.warn("Review sampling failed: {}", ex.toString());
        }
    }

    /** Samples the tenant's turns since its last position; returns how many items were added. */
    int sample(String tenant) {
        Instant now = clock.instant();
        Instant from = positions.find(tenant, SAMPLER).orElse(now.minus(properties.lookback()));
        double rate = properties.rate(tenant);
        // Generation sends only this sample's turns; the check below keeps an older generation's full pages right.
        List<LoggedTurn> turns = generation.sampledTurns(tenant, from, now, SAMPLER, rate);
        int added = 0;
        for (LoggedTurn turn : turns) {
            if (turn.escalated() || !Sampling.selected(SAMPLER, turn.messageId(), rate)) {
                continue;
            }
            added += jdbc.sql("""
                    INSERT INTO review_items (message_id, tenant_id, conversation_id, knowledge_base, question, answer,
                        confidence, answered_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING""")
                .params(Arrays.asList(turn.messageId(), tenant, turn.conversationId(), turn.knowledgeBase(),
                        turn.question(),
                        turn.answer(), turn.confidence(), Timestamp.from(turn.createdAt())))
                .update();
        }
        positions.advance(tenant, SAMPLER, turns.isEmpty() ? from : turns.getLast().createdAt().plusNanos(1000));
        return added;
    }

    List<Item> items(String tenant, String status, int limit) {
        return jdbc.sql("""
                SELECT r.message_id, r.conversation_id, r.knowledge_base, r.question, r.answer, r.confidence,
                       r.answered_at, r.sampled_at, l.label, l.labelled_by
                  FROM review_items r
                  LEFT JOIN LATERAL (SELECT label, labelled_by FROM labels WHERE tenant_id = r.tenant_id
                        AND message_id = r.message_id ORDER BY created_at DESC LIMIT 1) l ON true
                 WHERE r.tenant_id = :tenant
                   AND (:status = 'all' OR (:status = 'open' AND l.label IS NULL)
                        OR (:status = 'labelled' AND l.label IS NOT NULL))
                 ORDER BY r.sampled_at DESC, r.message_id LIMIT :limit""")
            .param("tenant", tenant)
            .param("status", status)
            .param("limit", limit)
            .query((rs, row) -> {
                double confidence = rs.getDouble("confidence");
                Double value = rs.wasNull() ? null : confidence;
                return new Item(rs.getObject("message_id", UUID.class), rs.getObject("conversation_id", UUID.class),
                        rs.getString("knowledge_base"), rs.getString("question"), rs.getString("answer"), value,
                        rs.getTimestamp("answered_at").toInstant(), rs.getTimestamp("sampled_at").toInstant(),
                        rs.getString("label"), rs.getString("labelled_by"));
            })
            .list();
    }

    Summary summary(String tenant) {
        return jdbc.sql("""
                SELECT count(*) AS sampled, count(l.label) AS labelled,
                       count(*) FILTER (WHERE l.label = 'correct') AS correct
                  FROM review_items r
                  LEFT JOIN LATERAL (SELECT label FROM labels WHERE tenant_id = r.tenant_id
                        AND message_id = r.message_id ORDER BY created_at DESC LIMIT 1) l ON true
                 WHERE r.tenant_id = ?""")
            .param(tenant)
            .query((rs, row) -> {
                int labelled = rs.getInt("labelled");
                int correct = rs.getInt("correct");
                return new Summary(rs.getInt("sampled"), labelled, correct,
                        labelled == 0 ? null : (double) correct / labelled);
            })
            .single();
    }
}
