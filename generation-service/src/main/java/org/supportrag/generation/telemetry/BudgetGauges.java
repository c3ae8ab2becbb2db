package org.supportrag.generation.telemetry;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.telemetry.TenantTags;

/**
 * {@code rag.budget.used.ratio{tenant, limit}}: the share of each configured budget limit (daily/monthly tokens
 * and USD) used so far, read from the shared usage totals every {@code rag.telemetry.budget-refresh} (every
 * replica reports the same value; dashboards take the max). Tenants folded into {@code other} report their
 * highest ratio.
 */
@Component
class BudgetGauges {

    static final String NAME = "rag.budget.used.ratio";
    private static final Logger log = LoggerFactory.getLogger(BudgetGauges.class);

    private final JdbcClient jdbc;
    private final TenantTags tenants;
    private final MultiGauge gauge;

    BudgetGauges(JdbcClient jdbc, TenantTags tenants, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.gauge = MultiGauge.builder(NAME)
            .description("Share of the tenant's budget limit used in the current day or month")
            .register(meters);
    }

    @Scheduled(fixedDelayString = "${rag.telemetry.budget-refresh:30s}", initialDelayString = "5s")
    void refresh() {
        try {
            Map<Tags, Double> ratios = new HashMap<>();
            jdbc.sql("""
                    SELECT b.tenant_id, b.daily_tokens, b.monthly_tokens, b.daily_cost_usd, b.monthly_cost_usd,
                        coalesce(sum(u.tokens) FILTER (WHERE u.day = (now() AT TIME ZONE 'UTC')::date), 0) AS day_tokens,
                        coalesce(sum(u.cost_usd) FILTER (WHERE u.day = (now() AT TIME ZONE 'UTC')::date), 0) AS day_cost,
                        coalesce(sum(u.tokens), 0) AS month_tokens, coalesce(sum(u.cost_usd), 0) AS month_cost
                    FROM tenant_budgets b
                    LEFT JOIN tenant_usage_daily u ON u.tenant_id = b.tenant_id
                        AND u.day >= date_trunc('month', now() AT TIME ZONE 'UTC')::date
                    GROUP BY b.tenant_id, b.daily_tokens, b.monthly_tokens, b.daily_cost_usd, b.monthly_cost_usd""")
                .query((ResultSet rs) -> {
                    String tenant = tenants.of(rs.getString("tenant_id"));
                    put(ratios, tenant, "daily_tokens", ratio(rs.getBigDecimal("day_tokens"), number(rs, "daily_tokens")));
                    put(ratios, tenant, "monthly_tokens",
                            ratio(rs.getBigDecimal("month_tokens"), number(rs, "monthly_tokens")));
                    put(ratios, tenant, "daily_cost_usd",
                            ratio(rs.getBigDecimal("day_cost"), rs.getBigDecimal("daily_cost_usd")));
                    put(ratios, tenant, "monthly_cost_usd",
                            ratio(rs.getBigDecimal("month_cost"), rs.getBigDecimal("monthly_cost_usd")));
                });
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            ratios.forEach((tags, value) -> rows.add(MultiGauge.Row.of(tags, value)));
            gauge.register(rows, true);
        }
        catch (RuntimeException ex) {
            log.warn("Budget gauges not refreshed: {}", ex.toString());
        }
    }

    private static @Nullable BigDecimal number(ResultSet rs, String column) throws SQLException {
        return rs.getBigDecimal(column);
    }

    private static @Nullable Double ratio(BigDecimal used, @Nullable BigDecimal limit) {
        if (limit == null) {
            return null;
        }
        if (limit.signum() <= 0) {
            return 1.0;
        }
        return used.divide(limit, MathContext.DECIMAL64).doubleValue();
    }

    private static void put(Map<Tags, Double> ratios, String tenant, String limit, @Nullable Double ratio) {
        if (ratio != null) {
            ratios.merge(Tags.of(TenantTags.TAG, tenant, "limit", limit), ratio, Math::max);
        }
    }
}
