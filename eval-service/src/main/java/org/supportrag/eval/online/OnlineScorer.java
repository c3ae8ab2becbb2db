package org.supportrag.eval.online;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.jdbc.ReplicaLocks;
import org.supportrag.defaults.sampling.Sampling;
import org.supportrag.defaults.telemetry.LastValueGauges;
import org.supportrag.eval.answers.AnswerCitation;
import org.supportrag.eval.answers.Faithfulness;
import org.supportrag.eval.generation.GenerationClient;
import org.supportrag.eval.generation.LoggedTurn;
import org.supportrag.eval.judge.JudgeService;

/**
 * Scores a sample of live turns after the fact: eval-core's offline metrics always (faithfulness approximation,
 * citation presence, dangling citation markers), the judge's faithfulness and grounded correctness when a judge is
 * configured and the tenant's daily judge budget allows. One replica scores at a time (advisory lock); every replica
 * exports the recent means as {@code rag_eval_online_score{tenant,metric}}.
 */
@Service
@RequiredArgsConstructor
class OnlineScorer {

    static final String SAMPLER = "online";
    static final long LOCK_KEY = 0x6576616c6f6eL;
    static final String GAUGE = "rag.eval.online.score";
    private static final Pattern MARKER = Pattern.compile("\\[(\\d+)]");
    private static final Logger log = LoggerFactory.getLogger(OnlineScorer.class);

    private final GenerationClient generation;
    private final SamplerPositions positions;
    private final JudgeService judge;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final OnlineProperties properties;
    private final MeterRegistry meters;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();
    private final LastValueGauges gauges = new LastValueGauges();

    @Scheduled(fixedDelayString = "${rag.eval.online.interval:5m}", initialDelayString = "${rag.eval.online.interval:5m}")
    void scheduled() {
        if (!properties.enabled()) {
            return;
        }
        try {
            Set<String> tenants = generation.tenants(properties.tenants(), clock.instant().minus(properties.lookback()));
            ReplicaLocks.runIfLocked(transactions, jdbc, LOCK_KEY, () -> tenants.forEach(this::scoreNew));
        }
        catch (RuntimeException ex) {
            log.warn("Online scoring failed: {}", ex.toString());
        }
        refreshGauges();
    }

    /** Scores the tenant's sampled turns since its last position; returns how many were scored. */
    public int scoreNew(String tenant) {
        Instant now = clock.instant();
        Instant from = positions.find(tenant, SAMPLER).orElse(now.minus(properties.lookback()));
        // Generation sends only this sample's turns; the check below keeps an older generation's full pages right.
        List<LoggedTurn> turns = generation.sampledTurns(tenant, from, now, SAMPLER, properties.sampleRate());
        int scored = 0;
        long pause = properties.maxTurnsPerSecond() > 0 ? (long) (1e9 / properties.maxTurnsPerSecond()) : 0;
        Instant done = from;
        for (LoggedTurn turn : turns) {
            if (Sampling.selected(SAMPLER, turn.messageId(), properties.sampleRate())) {
                long next = System.nanoTime() + pause;
                if (score(tenant, turn)) {
                    scored++;
                }
                // Background work at a steady pace instead of a burst that live turns queue behind.
                if (!paceUntil(next)) {
                    break;
                }
            }
            done = turn.createdAt().plusNanos(1000);
        }
        // Rows with the same timestamp as the last one may still arrive: keep the position strictly before now.
        positions.advance(tenant, SAMPLER, done);
        return scored;
    }

    /** Sleeps until the given {@link System#nanoTime}; false when interrupted (the run stops). */
    private static boolean paceUntil(long next) {
        long wait = next - System.nanoTime();
        if (wait <= 0) {
            return true;
        }
        try {
            Thread.sleep(Duration.ofNanos(wait));
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean score(String tenant, LoggedTurn turn) {
        List<AnswerCitation> citations = citations(tenant, turn);
        Map<String, Object> metrics = new LinkedHashMap<>();
        Double offline = Faithfulness.assess(turn.answer(), citations).score();
        metrics.put("faithfulness_offline", offline);
        metrics.put("cited", citations.isEmpty() ? 0.0 : 1.0);
        metrics.put("dangling_citations", (double) dangling(turn.answer(), citations));
        boolean judged = false;
        if (properties.judge() && judge.configured() && judge.withinBudget(tenant)) {
            List<String> sources = citations.stream().map(c -> "[" + c.index() + "] " + c.title() + ": " + c.snippet())
                .toList();
            try {
                if (!sources.isEmpty()) {
                    metrics.put("judge_faithfulness",
                            judge.faithfulness(tenant, turn.messageId(), turn.answer(), sources, 1).score());
                }
                metrics.put("judge_correctness", "correct".equals(judge.correctness(tenant, turn.messageId(),
                        turn.question(), turn.answer(), null, sources, 1).verdict()) ? 1.0 : 0.0);
                judged = true;
            }
            catch (RuntimeException ex) {
                log.warn("Online judge failed for a turn: {}", ex.toString());
            }
        }
        return jdbc.sql("""
                INSERT INTO online_scores (message_id, tenant_id, conversation_id, knowledge_base, answered_at,
                    confidence, escalated, metrics, judged)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?) ON CONFLICT (message_id) DO NOTHING""")
            .params(Arrays.asList(turn.messageId(), tenant, turn.conversationId(), turn.knowledgeBase(),
                    Timestamp.from(turn.createdAt()), turn.confidence(), turn.escalated(),
                    json.writeValueAsString(metrics), judged))
            .update() == 1;
    }

    private List<AnswerCitation> citations(String tenant, LoggedTurn turn) {
        return generation.citations(tenant, turn)
            .stream()
            .map(c -> new AnswerCitation(((Number) c.getOrDefault("index", 0)).intValue(), text(c.get("chunkId")),
                    text(c.get("documentId")), String.valueOf(c.get("title")), text(c.get("url")),
                    String.valueOf(c.getOrDefault("snippet", ""))))
            .toList();
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null ? null : value.toString();
    }

    static int dangling(String answer, List<AnswerCitation> citations) {
        Set<Integer> indexes = new java.util.HashSet<>();
        citations.forEach(citation -> indexes.add(citation.index()));
        Set<Integer> missing = new java.util.HashSet<>();
        Matcher marker = MARKER.matcher(answer);
        while (marker.find()) {
            int index = Integer.parseInt(marker.group(1));
            if (!indexes.contains(index)) {
                missing.add(index);
            }
        }
        return missing.size();
    }

    /** Means per tenant and metric over the gauge window, from the stored scores (any replica's). */
    public void refreshGauges() {
        jdbc.sql("""
                SELECT tenant_id, m.key AS metric, avg((m.value #>> '{}')::double precision) AS mean
                  FROM online_scores, jsonb_each(metrics) m
                 WHERE scored_at > ? AND jsonb_typeof(m.value) = 'number'
                 GROUP BY tenant_id, m.key""")
            .param(Timestamp.from(clock.instant().minus(properties.gaugeWindow())))
            .query((rs, row) -> {
                String metric = rs.getString("metric");
                gauges.set(meters, GAUGE, "Mean online score of recent sampled turns", rs.getDouble("mean"),
                        "tenant", rs.getString("tenant_id"), "metric", metric);
                return metric;
            })
            .list();
    }
}
