package org.supportrag.generation.budget;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import org.supportrag.defaults.jdbc.AsyncCommit;
import org.supportrag.defaults.jdbc.DatabaseRetry;
import org.supportrag.generation.usage.UsageLedger;

/**
 * Tenant budgets stored in PostgreSQL, and the reservation made before every model call: a turn reserves its
 * estimate, the check counts what is spent and what is reserved, and the turn releases its reservation once its
 * real usage is recorded. Concurrent turns therefore overshoot a budget by at most one turn. Each reservation also
 * has a row of its own, so the ones a crashed turn never released are given back by {@link #releaseStale}.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class BudgetService {

    private static final String TODAY = "(now() AT TIME ZONE 'UTC')::date";

    private final JdbcClient jdbc;
    private final UsageLedger usage;
    private final BudgetProperties properties;
    private final TransactionTemplate transactions;
    private final DatabaseRetry retry;

    /**
     * What a turn may spend: its budget status and, when the tenant has limits and is within them, the reservation
     * of its estimate that {@link #release(Reservation)} gives back once the turn's usage is recorded.
     *
     * @param tokens the turn's estimated tokens (prompt and completion, of the priciest model it may call)
     * @param costUsd the turn's estimated cost
     */
    public Reservation reserve(String tenantId, long tokens, BigDecimal costUsd) {
        // Again after a dropped connection; an attempt whose commit went through before the connection broke leaves a
        // reservation nobody releases, which the stale-reservation sweeper gives back.
        Reservation reservation = retry.call(() -> transactions.execute(tx -> {
            // On the turn's way to its first token: no WAL flush wait. A reservation lost in a crash is one the
            // turn could not release either; what the turn spent is recorded synchronously after the answer.
            AsyncCommit.forThisTransaction(jdbc);
            // The budget row's lock serializes the check and the reservation per tenant, across replicas.
            Optional<Budget> stored = stored(tenantId, " FOR UPDATE");
            if (stored.isEmpty()) {
                return new Reservation(tenantId, unlimited(), null, null, 0, BigDecimal.ZERO);
            }
            BudgetStatus status = status(stored.get(), true);
            if (status.isExhausted()) {
                return new Reservation(tenantId, status, null, null, 0, BigDecimal.ZERO);
            }
            LocalDate day = jdbc.sql("""
                    INSERT INTO tenant_usage_daily (tenant_id, day, reserved_tokens, reserved_cost_usd)
                    VALUES (?, (now() AT TIME ZONE 'UTC')::date, ?, ?)
                    ON CONFLICT (tenant_id, day) DO UPDATE
                        SET reserved_tokens = tenant_usage_daily.reserved_tokens + excluded.reserved_tokens,
                            reserved_cost_usd = tenant_usage_daily.reserved_cost_usd + excluded.reserved_cost_usd
                    RETURNING day""")
                .params(tenantId, tokens, costUsd)
                .query(LocalDate.class)
                .single();
            UUID id = UUID.randomUUID();
            jdbc.sql("INSERT INTO budget_reservations (id, tenant_id, day, tokens, cost_usd) VALUES (?, ?, ?, ?, ?)")
                .params(id, tenantId, day, tokens, costUsd)
                .update();
            return new Reservation(tenantId, status, id, day, tokens, costUsd);
        }));
        return Objects.requireNonNull(reservation);
    }

    /** Completion tokens a turn reserves before its model call, besides its prompt. */
    public int completionEstimate() {
        return properties.completionEstimate();
    }

    /** Gives a reservation back; the turn's real usage has been recorded by then (or it made no call). */
    public void release(Reservation reservation) {
        if (reservation.id() == null) {
            return;
        }
        // Only a row still there is given back (the sweeper may have released it already): safe to run again.
        retry.run(() -> jdbc.sql("""
                WITH released AS (DELETE FROM budget_reservations WHERE id = ? RETURNING tenant_id, day, tokens, cost_usd)
                UPDATE tenant_usage_daily u SET reserved_tokens = greatest(u.reserved_tokens - r.tokens, 0),
                    reserved_cost_usd = greatest(u.reserved_cost_usd - r.cost_usd, 0)
                FROM released r WHERE u.tenant_id = r.tenant_id AND u.day = r.day""")
            .param(reservation.id())
            .update());
    }

    /**
     * Gives back the reservations older than {@code age}: their turns crashed (or their replica died) between
     * reserve and release, and would otherwise hold the tenant's budget for the rest of the day and month.
     *
     * @return how many reservations were released
     */
    public int releaseStale(Duration age) {
        Integer released = transactions.execute(tx -> {
            List<Stale> stale = jdbc.sql("""
                    DELETE FROM budget_reservations WHERE reserved_at < clock_timestamp() - ? * interval '1 millisecond'
                    RETURNING tenant_id, day, tokens, cost_usd""")
                .param(age.toMillis())
                .query((rs, row) -> new Stale(rs.getString("tenant_id"), rs.getObject("day", LocalDate.class),
                        rs.getLong("tokens"), rs.getBigDecimal("cost_usd")))
                .list();
            for (Stale reservation : stale) {
                jdbc.sql("""
                        UPDATE tenant_usage_daily SET reserved_tokens = greatest(reserved_tokens - ?, 0),
                            reserved_cost_usd = greatest(reserved_cost_usd - ?, 0)
                        WHERE tenant_id = ? AND day = ?""")
                    .params(reservation.tokens(), reservation.costUsd(), reservation.tenantId(), reservation.day())
                    .update();
            }
            return stale.size();
        });
        return released == null ? 0 : released;
    }

    private record Stale(String tenantId, LocalDate day, long tokens, BigDecimal costUsd) {
    }

    /**
     * @param status the tenant's budget status when the turn reserved
     * @param id the reservation's row; null when nothing was reserved (no limits, or exhausted)
     * @param day the UTC day the reservation was made in; null when nothing was reserved
     */
    public record Reservation(String tenantId, BudgetStatus status, @Nullable UUID id, @Nullable LocalDate day,
            long tokens, BigDecimal costUsd) {
    }

    /** The tenant's budget, or the defaults (unlimited) when none was set. */
    public Budget budget(String tenantId) {
        return stored(tenantId).orElseGet(() -> new Budget(tenantId, null, null, null, null,
                defaultOnExhausted(), properties.defaultTier(), null, null));
    }

    private Budget.OnExhausted defaultOnExhausted() {
        return onExhausted(properties.defaultOnExhausted());
    }

    /** Configured and stored values are checked on the way in (BudgetProperties, BudgetController). */
    private static Budget.OnExhausted onExhausted(@Nullable String value) {
        return Objects.requireNonNull(Budget.OnExhausted.parse(value), "unknown on-exhausted value");
    }

    private Optional<Budget> stored(String tenantId) {
        return stored(tenantId, "");
    }

    private Optional<Budget> stored(String tenantId, String lock) {
        return jdbc.sql("""
                SELECT tenant_id, daily_tokens, monthly_tokens, daily_cost_usd, monthly_cost_usd, on_exhausted, tier,
                    updated_at, updated_by
                FROM tenant_budgets WHERE tenant_id = ?""" + lock)
            .param(tenantId)
            .query((rs, row) -> new Budget(rs.getString("tenant_id"), rs.getObject("daily_tokens", Long.class),
                    rs.getObject("monthly_tokens", Long.class), rs.getBigDecimal("daily_cost_usd"),
                    rs.getBigDecimal("monthly_cost_usd"), onExhausted(rs.getString("on_exhausted")),
                    rs.getString("tier"), rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by")))
            .optional();
    }

    /** Replaces the tenant's budget. */
    public Budget save(Budget budget, String updatedBy) {
        jdbc.sql("""
                INSERT INTO tenant_budgets (tenant_id, daily_tokens, monthly_tokens, daily_cost_usd, monthly_cost_usd,
                    on_exhausted, tier, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, clock_timestamp(), ?)
                ON CONFLICT (tenant_id) DO UPDATE SET daily_tokens = excluded.daily_tokens,
                    monthly_tokens = excluded.monthly_tokens, daily_cost_usd = excluded.daily_cost_usd,
                    monthly_cost_usd = excluded.monthly_cost_usd, on_exhausted = excluded.on_exhausted,
                    tier = excluded.tier, updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
            .params(Arrays.asList(budget.tenantId(), budget.dailyTokens(), budget.monthlyTokens(),
                    budget.dailyCostUsd(),
                    budget.monthlyCostUsd(), budget.onExhausted().value(), budget.tier(), updatedBy))
            .update();
        return budget(budget.tenantId());
    }

    /** Checks the tenant's usage of today and this month against its limits (what is spent, not reserved). */
    public BudgetStatus status(String tenantId) {
        // No row: unlimited, and no usage query.
        return stored(tenantId).map(budget -> status(budget, false)).orElseGet(this::unlimited);
    }

    private BudgetStatus unlimited() {
        return new BudgetStatus(properties.defaultTier(), List.of(), defaultOnExhausted());
    }

    private BudgetStatus status(Budget budget, boolean withReservations) {
        String tenantId = budget.tenantId();
        List<String> exhausted = new ArrayList<>();
        if (budget.dailyTokens() != null || budget.dailyCostUsd() != null) {
            UsageLedger.Totals today = withReservations ? committedAndReserved(tenantId, "day = " + TODAY)
                    : usage.today(tenantId);
            check(exhausted, "daily_tokens", budget.dailyTokens(), today.tokens());
            check(exhausted, "daily_cost_usd", budget.dailyCostUsd(), today.costUsd());
        }
        if (budget.monthlyTokens() != null || budget.monthlyCostUsd() != null) {
            UsageLedger.Totals month = withReservations
                    ? committedAndReserved(tenantId, "day >= date_trunc('month', " + TODAY + ")::date")
                    : usage.month(tenantId);
            check(exhausted, "monthly_tokens", budget.monthlyTokens(), month.tokens());
            check(exhausted, "monthly_cost_usd", budget.monthlyCostUsd(), month.costUsd());
        }
        return new BudgetStatus(budget.tier(), exhausted, budget.onExhausted());
    }

    /** Spent plus reserved by turns still running, over the days {@code period} selects. */
    private UsageLedger.Totals committedAndReserved(String tenantId, String period) {
        return jdbc.sql("SELECT coalesce(sum(tokens + reserved_tokens), 0) AS tokens, "
                + "coalesce(sum(cost_usd + reserved_cost_usd), 0) AS cost FROM tenant_usage_daily "
                + "WHERE tenant_id = ? AND " + period)
            .param(tenantId)
            .query((rs, row) -> new UsageLedger.Totals(rs.getLong("tokens"), rs.getBigDecimal("cost"), BigDecimal.ZERO))
            .single();
    }

    private static void check(List<String> exhausted, String name, @Nullable Long limit, long used) {
        if (limit != null && used >= limit) {
            exhausted.add(name);
        }
    }

    private static void check(List<String> exhausted, String name, @Nullable BigDecimal limit, BigDecimal used) {
        if (limit != null && used.compareTo(limit) >= 0) {
            exhausted.add(name);
        }
    }
}
