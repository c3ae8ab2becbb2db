package org.supportrag.eval.judge;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.telemetry.TenantTags;
import org.supportrag.eval.generation.GenerationClient;
import org.supportrag.eval.generation.LoggedTurn;

/**
 * The judge for every feature of eval: correctness and faithfulness verdicts (majority of N votes, stored), the
 * per-tenant judge budget, and the calibration that decides whether the judge may gate or is advisory only.
 */
@Service
public class JudgeService {

    private final @Nullable LlmJudge judge;
    private final JudgeProperties properties;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final GenerationClient generation;

    JudgeService(JudgeProperties properties, ResourceLoader resources, JdbcClient jdbc, MeterRegistry meters,
            JsonMapper json, GenerationClient generation, TenantTags tenants, ObservationRegistry observations) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.json = json;
        this.generation = generation;
        this.judge = properties.configured()
                ? LlmJudge.create(properties, resources.getResource("classpath:prompts/judge-correctness-v1.st"),
                        resources.getResource("classpath:prompts/judge-faithfulness-v1.st"), jdbc, meters,
                        tenants, observations)
                : null;
    }

    /** Majority verdict of the votes; {@code agreement} is the share of votes that agree with it. */
    public record CorrectnessVerdict(String verdict, double agreement, List<LlmJudge.Vote> votes,
            String promptVersion, String model) {
    }

    /** Median faithfulness over the votes (null when the answer makes no claim) and the median vote's claims. */
    public record FaithfulnessVerdict(@Nullable Double score, List<LlmJudge.ClaimVerdict> claims, int votes,
            String promptVersion, String model) {
    }

    /**
     * How far the judge can be trusted here: accuracy and Cohen's kappa of its correctness verdicts against agents'
     * labels on the same answers ({@code correct} vs {@code incorrect} or {@code missing_knowledge}).
     *
     * @param mode {@code gating} when it may gate, else {@code advisory} (or {@code unavailable} without a judge)
     */
    public record Calibration(boolean configured, int labelled, @Nullable Double accuracy, @Nullable Double kappa,
            int minLabelled, double minKappa, boolean mayGate, String mode, String explanation) {
    }

    public boolean configured() {
        return judge != null;
    }

    public CorrectnessVerdict correctness(String tenant, @Nullable UUID messageId, String question, String answer,
            @Nullable String reference, List<String> sources, @Nullable Integer votes) {
        LlmJudge llm = require();
        int n = votes(votes);
        List<LlmJudge.Vote> cast = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cast.add(llm.correctness(tenant, question, answer, reference, sources));
        }
        long correct = cast.stream().filter(vote -> "correct".equals(vote.verdict())).count();
        // Ties (even N) go against the answer: the judge did not find it correct.
        String verdict = correct * 2 > n ? "correct" : "incorrect";
        double agreement = (double) ("correct".equals(verdict) ? correct : n - correct) / n;
        store(tenant, messageId, "correctness", verdict, agreement, cast, LlmJudge.CORRECTNESS_PROMPT);
        return new CorrectnessVerdict(verdict, agreement, cast, LlmJudge.CORRECTNESS_PROMPT, llm.model());
    }

    public FaithfulnessVerdict faithfulness(String tenant, @Nullable UUID messageId, String answer,
            List<String> sources, @Nullable Integer votes) {
        LlmJudge llm = require();
        int n = votes(votes);
        List<List<LlmJudge.ClaimVerdict>> cast = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cast.add(llm.faithfulness(tenant, answer, sources));
        }
        cast.sort(java.util.Comparator.comparingDouble(JudgeService::score));
        List<LlmJudge.ClaimVerdict> median = cast.get((n - 1) / 2);
        Double score = median.isEmpty() ? null : score(median);
        store(tenant, messageId, "faithfulness", score == null ? "no_claims" : score >= 1 ? "faithful" : "unfaithful",
                score, cast, LlmJudge.FAITHFULNESS_PROMPT);
        return new FaithfulnessVerdict(score, median, n, LlmJudge.FAITHFULNESS_PROMPT, llm.model());
    }

    /** Supported claims / all claims (Ragas); 1 for an answer without claims so that sorting stays total. */
    static double score(List<LlmJudge.ClaimVerdict> claims) {
        return claims.isEmpty() ? 1 : claims.stream().filter(LlmJudge.ClaimVerdict::supported).count()
                / (double) claims.size();
    }

    /** What the judge cost the tenant today (UTC). */
    public double spentToday(String tenant) {
        BigDecimal spent = jdbc.sql("""
                SELECT coalesce(sum(cost_usd), 0) FROM judge_usage
                 WHERE tenant_id = ? AND created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'""")
            .param(tenant)
            .query(BigDecimal.class)
            .single();
        return spent.doubleValue();
    }

    public boolean withinBudget(String tenant) {
        return spentToday(tenant) < properties.dailyBudgetUsd();
    }

    public Calibration calibration(String tenant) {
        List<String[]> pairs = jdbc.sql("""
                SELECT l.label, v.verdict FROM (
                    SELECT DISTINCT ON (message_id) message_id, label FROM labels
                     WHERE tenant_id = :tenant ORDER BY message_id, created_at DESC) l
                  JOIN (SELECT DISTINCT ON (message_id) message_id, verdict FROM judge_verdicts
                         WHERE tenant_id = :tenant AND kind = 'correctness' AND message_id IS NOT NULL
                         ORDER BY message_id, created_at DESC) v ON v.message_id = l.message_id""")
            .param("tenant", tenant)
            .query((rs, row) -> new String[] { "correct".equals(rs.getString(1)) ? "correct" : "incorrect",
                    rs.getString(2) })
            .list();
        Agreement agreement = Agreement.of(pairs.stream().map(pair -> pair[0]).toList(),
                pairs.stream().map(pair -> pair[1]).toList());
        Double accuracy = pairs.isEmpty() ? null : agreement.accuracy();
        Double kappa = pairs.isEmpty() ? null : agreement.kappa();
        boolean enough = pairs.size() >= properties.minLabelled();
        boolean agrees = kappa != null && kappa >= properties.minKappa();
        boolean mayGate = judge != null && enough && agrees;
        String explanation;
        if (judge == null) {
            explanation = "No judge is configured: the deterministic metrics gate.";
        }
        else if (!enough) {
            explanation = "Advisory only: judged " + pairs.size() + " agent-labelled answers, at least "
                    + properties.minLabelled() + " are needed before the judge may gate.";
        }
        else if (!agrees) {
            explanation = "Advisory only: Cohen's kappa against agents' labels is %.2f, below %.2f."
                .formatted(kappa, properties.minKappa());
        }
        else {
            explanation = "May gate: kappa %.2f >= %.2f on %d agent-labelled answers."
                .formatted(kappa, properties.minKappa(), pairs.size());
        }
        return new Calibration(judge != null, pairs.size(), accuracy, kappa, properties.minLabelled(),
                properties.minKappa(), mayGate, judge == null ? "unavailable" : mayGate ? "gating" : "advisory",
                explanation);
    }

    /**
     * Judges the correctness of agent-labelled answers that have no verdict yet (up to {@code limit}), from the turn
     * in generation's log and the sources the answer cited, then reports the calibration.
     */
    public Calibration calibrate(String tenant, int limit) {
        require();
        List<UUID> pending = jdbc.sql("""
                SELECT DISTINCT l.message_id FROM labels l
                 WHERE l.tenant_id = :tenant AND NOT EXISTS (SELECT 1 FROM judge_verdicts v
                        WHERE v.tenant_id = l.tenant_id AND v.message_id = l.message_id AND v.kind = 'correctness')
                 LIMIT :limit""")
            .param("tenant", tenant)
            .param("limit", limit)
            .query(UUID.class)
            .list();
        for (UUID messageId : pending) {
            Optional<LoggedTurn> turn = generation.turn(tenant, messageId);
            if (turn.isEmpty()) {
                continue;
            }
            correctness(tenant, messageId, turn.get().question(), turn.get().answer(), null,
                    sources(tenant, turn.get()), null);
        }
        return calibration(tenant);
    }

    /** The cited snippets of a logged answer, from the staff view of its conversation. */
    public List<String> sources(String tenant, LoggedTurn turn) {
        return generation.citations(tenant, turn)
            .stream()
            .map(citation -> "[" + citation.get("index") + "] " + citation.get("title") + ": "
                    + citation.get("snippet"))
            .toList();
    }

    private void store(String tenant, @Nullable UUID messageId, String kind, String verdict, @Nullable Double score,
            Object votes, String prompt) {
        jdbc.sql("""
                INSERT INTO judge_verdicts (id, tenant_id, message_id, kind, verdict, score, votes, prompt_version,
                    model)
                VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)""")
            .params(Arrays.asList(UUID.randomUUID(), tenant, messageId, kind, verdict, score,
                    json.writeValueAsString(votes), prompt,
                    properties.model()))
            .update();
    }

    private int votes(@Nullable Integer requested) {
        int n = requested == null ? properties.votes() : requested;
        if (n < 1 || n > properties.maxVotes()) {
            throw ApiProblemException.badRequest("invalid-votes", "Invalid votes",
                    "'votes' must be between 1 and " + properties.maxVotes() + ".");
        }
        return n;
    }

    private LlmJudge require() {
        if (judge == null) {
            throw ApiProblemException.badRequest("judge-not-configured", "No judge configured",
                    "No LLM judge is configured (rag.eval.judge.base-url); the deterministic metrics apply.");
        }
        return judge;
    }

    static List<String> lines(String text) {
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
