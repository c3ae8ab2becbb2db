package org.supportrag.generation.budget;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A tenant's budgets; a null limit is unlimited.
 *
 * @param onExhausted what happens once a limit is reached: {@code cheaper_model} or {@code refuse}
 * @param tier the tenant's service tier, used by model routing
 */
public record Budget(String tenantId, @Nullable Long dailyTokens, @Nullable Long monthlyTokens,
        @Nullable BigDecimal dailyCostUsd, @Nullable BigDecimal monthlyCostUsd, OnExhausted onExhausted, String tier,
        @Nullable Instant updatedAt, @Nullable String updatedBy) {

    public enum OnExhausted {
        CHEAPER_MODEL("cheaper_model"), REFUSE("refuse");

        private final String value;

        OnExhausted(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        public static @Nullable OnExhausted parse(@Nullable String value) {
            for (OnExhausted candidate : values()) {
                if (candidate.value.equals(value)) {
                    return candidate;
                }
            }
            return null;
        }
    }
}
