package org.supportrag.generation.budget;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import org.supportrag.generation.usage.UsageLedger;

/** Tenant budgets stored in PostgreSQL, and the check made before every model call. */
@Service
public class BudgetService {

    private final JdbcClient jdbc;
    private final UsageLedger usage;
    private final BudgetProperties properties;

    BudgetService(JdbcClient jdbc, UsageLedger usage, BudgetProperties properties) {
        this.jdbc = jdbc;
        this.usage = usage;
        this.properties = properties;
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
        return jdbc.sql("""
                SELECT tenant_id, daily_tokens, monthly_tokens, daily_cost_usd, monthly_cost_usd, on_exhausted, tier,
                    updated_at, updated_by
                FROM tenant_budgets WHERE tenant_id = ?""")
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

    /** Checks the tenant's usage of today and this month against its limits. */
    public BudgetStatus status(String tenantId) {
        Optional<Budget> stored = stored(tenantId);
        if (stored.isEmpty()) {
            // No row: unlimited, and no usage query on the hot path.
            return new BudgetStatus(properties.defaultTier(), List.of(),
                    defaultOnExhausted());
        }
        Budget budget = stored.get();
        List<String> exhausted = new ArrayList<>();
        if (budget.dailyTokens() != null || budget.dailyCostUsd() != null) {
            UsageLedger.Totals today = usage.today(tenantId);
            check(exhausted, "daily_tokens", budget.dailyTokens(), today.tokens());
            check(exhausted, "daily_cost_usd", budget.dailyCostUsd(), today.costUsd());
        }
        if (budget.monthlyTokens() != null || budget.monthlyCostUsd() != null) {
            UsageLedger.Totals month = usage.month(tenantId);
            check(exhausted, "monthly_tokens", budget.monthlyTokens(), month.tokens());
            check(exhausted, "monthly_cost_usd", budget.monthlyCostUsd(), month.costUsd());
        }
        return new BudgetStatus(budget.tier(), exhausted, budget.onExhausted());
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
