package org.supportrag.eval.drift;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.jdbc.ReplicaLocks;
import org.supportrag.defaults.telemetry.LastValueGauges;
import org.supportrag.eval.drift.DriftCalculator.Window;
import org.supportrag.eval.generation.GenerationClient;
import org.supportrag.eval.generation.LoggedTurn;

/**
 * Computes drift on a schedule, one replica at a time: the replica that takes the PostgreSQL advisory lock computes
 * and stores the reports; every replica then exports the latest stored reports as gauges, so all replicas agree.
 * Gauges carry the tenant only (not the knowledge base: unbounded label values); each is the largest value over the
 * tenant's knowledge bases.
 */
@Service
@RequiredArgsConstructor
class DriftService {

    /** Arbitrary fixed key of the drift advisory lock ("evalb" in ASCII). */
    static final long LOCK_KEY = 0x6576616c62L;
    static final String PSI_GAUGE = "rag.eval.drift.psi";
    static final String DISTANCE_GAUGE = "rag.eval.drift.embedding.distance";

    private static final Logger log = LoggerFactory.getLogger(DriftService.class);

    private final GenerationClient generation;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final DriftCalculator calculator;
    private final DriftProperties properties;
    private final MeterRegistry meters;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();
    private final LastValueGauges gauges = new LastValueGauges();

    @Scheduled(fixedDelayString = "${rag.eval.drift.interval:1h}", initialDelayString = "${rag.eval.drift.initial-delay:2m}")
    void scheduled() {
        if (!properties.enabled()) {
            return;
        }
        try {
            Instant since = clock.instant().minus(properties.currentWindow()).minus(properties.referenceWindow());
            computeUnderLock(generation.tenants(properties.tenants(), since));
        }
        catch (RuntimeException ex) {
            log.warn("Drift computation failed: {}", ex.toString());
        }
        refreshGauges();
    }

    /**
     * Computes and stores the reports of the given tenants if no other replica is computing; returns false when
     * another one holds the lock. The transaction-scoped lock ends with the transaction, even if a replica dies.
     */
    public boolean computeUnderLock(Collection<String> tenants) {
        return ReplicaLocks.runIfLocked(transactions, jdbc, LOCK_KEY, () -> tenants.forEach(this::computeTenant));
    }

    /** Every knowledge base of the tenant with turns in either window; stores and returns the reports. */
    public List<DriftReport> computeTenant(String tenant) {
        Instant now = clock.instant();
        Instant currentFrom = now.minus(properties.currentWindow());
        Instant referenceFrom = currentFrom.minus(properties.referenceWindow());
        List<LoggedTurn> turns = generation.turns(tenant, referenceFrom, now, null);
        Set<UUID> thumbsDown = new HashSet<>(jdbc.sql("""
                SELECT message_id FROM feedback WHERE tenant_id = ? AND rating = 'down' AND created_at >= ?
                """).params(tenant, Timestamp.from(referenceFrom)).query(UUID.class).list());
        Map<String, List<LoggedTurn>> byKb = new LinkedHashMap<>();
        turns.forEach(turn -> byKb.computeIfAbsent(Objects.requireNonNullElse(turn.knowledgeBase(), "default"),
                kb -> new ArrayList<>()).add(turn));
        List<DriftReport> reports = new ArrayList<>();
        for (Map.Entry<String, List<LoggedTurn>> entry : byKb.entrySet()) {
            List<LoggedTurn> reference = entry.getValue().stream()
                .filter(turn -> turn.createdAt().isBefore(currentFrom))
                .toList();
            List<LoggedTurn> current = entry.getValue().stream()
                .filter(turn -> !turn.createdAt().isBefore(currentFrom))
                .toList();
            DriftReport report = calculator.compute(tenant, entry.getKey(),
                    new Window(referenceFrom, currentFrom, reference), new Window(currentFrom, now, current),
                    thumbsDown);
            reports.add(store(report));
        }
        log.debug("Drift computed for {} knowledge bases of a tenant", reports.size());
        return reports;
    }

    private DriftReport store(DriftReport report) {
        Map<String, Object> signals = new LinkedHashMap<>();
        signals.put("referenceTurns", report.referenceTurns());
        signals.put("currentTurns", report.currentTurns());
        signals.put("enoughData", report.enoughData());
        signals.put("signals", report.signals());
        signals.put("embedding", report.embedding());
        Instant computed = jdbc.sql("""
                INSERT INTO drift_reports (id, tenant_id, knowledge_base, reference_from, reference_to, current_from,
                    current_to, signals, gaps)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb)) RETURNING computed_at""")
            .params(UUID.randomUUID(), report.tenant(), report.knowledgeBase(), Timestamp.from(report.referenceFrom()),
                    Timestamp.from(report.referenceTo()), Timestamp.from(report.currentFrom()),
                    Timestamp.from(report.currentTo()), json.writeValueAsString(signals),
                    json.writeValueAsString(report.gaps()))
            .query(Timestamp.class)
            .single()
            .toInstant();
        return new DriftReport(report.tenant(), report.knowledgeBase(), report.referenceFrom(), report.referenceTo(),
                report.currentFrom(), report.currentTo(), report.referenceTurns(), report.currentTurns(),
                report.enoughData(), report.signals(), report.embedding(), report.gaps(), computed);
    }

    /** The latest report of each knowledge base of the tenant. */
    public List<DriftReport> latest(String tenant) {
        return jdbc.sql("""
                SELECT DISTINCT ON (knowledge_base) tenant_id, knowledge_base, reference_from, reference_to,
                       current_from, current_to, signals, gaps, computed_at
                  FROM drift_reports WHERE tenant_id = ? ORDER BY knowledge_base, computed_at DESC""")
            .param(tenant)
            .query((rs, row) -> read(rs))
            .list();
    }

    /** Earlier reports of one knowledge base, newest first, for the trend chart. */
    public List<DriftReport> history(String tenant, String knowledgeBase, int limit) {
        return jdbc.sql("""
                SELECT tenant_id, knowledge_base, reference_from, reference_to, current_from, current_to, signals,
                       gaps, computed_at
                  FROM drift_reports WHERE tenant_id = ? AND knowledge_base = ? ORDER BY computed_at DESC LIMIT ?""")
            .params(tenant, knowledgeBase, limit)
            .query((rs, row) -> read(rs))
            .list();
    }

    public Optional<DriftReport> latest(String tenant, String knowledgeBase) {
        return latest(tenant).stream().filter(report -> report.knowledgeBase().equals(knowledgeBase)).findFirst();
    }

    /** Sets the gauges from the latest stored reports (any replica's). */
    public void refreshGauges() {
        List<DriftReport> reports = jdbc.sql("""
                SELECT DISTINCT ON (tenant_id, knowledge_base) tenant_id, knowledge_base, reference_from,
                       reference_to, current_from, current_to, signals, gaps, computed_at
                  FROM drift_reports WHERE computed_at > now() - interval '7 days'
                 ORDER BY tenant_id, knowledge_base, computed_at DESC""")
            .query((rs, row) -> read(rs))
            .list();
        Map<String, Double> psi = new LinkedHashMap<>();
        Map<String, Double> distance = new LinkedHashMap<>();
        for (DriftReport report : reports) {
            for (DriftReport.Signal signal : report.signals()) {
                psi.merge(report.tenant() + "\u0000" + signal.signal(), signal.psi(), Math::max);
            }
            if (report.embedding() != null) {
                distance.merge(report.tenant(), report.embedding().centroidDistance(), Math::max);
            }
        }
        psi.forEach((key, value) -> {
            String[] parts = key.split("\u0000", 2);
            gauges.set(meters, PSI_GAUGE, "Population stability index, reference vs current window", value,
                    "tenant", parts[0], "signal", parts[1]);
        });
        distance.forEach((tenant, value) -> gauges.set(meters, DISTANCE_GAUGE,
                "Cosine distance between the reference and current query-embedding centroids", value,
                "tenant", tenant));
    }

    @SuppressWarnings("unchecked")
    private DriftReport read(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> signals = json.readValue(rs.getString("signals"), Map.class);
        StoredSignals stored = json.convertValue(signals, StoredSignals.class);
        List<DriftReport.KnowledgeGap> gaps = List.of(json.readValue(rs.getString("gaps"),
                DriftReport.KnowledgeGap[].class));
        return new DriftReport(rs.getString("tenant_id"), rs.getString("knowledge_base"),
                rs.getTimestamp("reference_from").toInstant(), rs.getTimestamp("reference_to").toInstant(),
                rs.getTimestamp("current_from").toInstant(), rs.getTimestamp("current_to").toInstant(),
                stored.referenceTurns(), stored.currentTurns(), stored.enoughData(),
                stored.signals() == null ? List.of() : stored.signals(), stored.embedding(), gaps,
                rs.getTimestamp("computed_at").toInstant());
    }

    record StoredSignals(int referenceTurns, int currentTurns, boolean enoughData,
            @org.jspecify.annotations.Nullable List<DriftReport.Signal> signals,
            DriftReport.@org.jspecify.annotations.Nullable EmbeddingDrift embedding) {
    }
}
