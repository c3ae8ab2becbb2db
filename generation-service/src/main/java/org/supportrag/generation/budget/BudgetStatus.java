package org.supportrag.generation.budget;

import java.util.List;

/**
 * Where a tenant stands against its budgets right before a model call.
 *
 * @param tier the tenant's tier
 * @param exhausted which limits are reached, e.g. {@code daily_tokens}; empty when within budget
 * @param onExhausted what to do when {@link #isExhausted()}
 */
public record BudgetStatus(String tier, List<String> exhausted, Budget.OnExhausted onExhausted) {

    public BudgetStatus {
        exhausted = List.copyOf(exhausted);
    }

    public static BudgetStatus unlimited(String tier) {
        return new BudgetStatus(tier, List.of(), Budget.OnExhausted.CHEAPER_MODEL);
    }

    public boolean isExhausted() {
        return !exhausted.isEmpty();
    }
}
