package org.supportrag.generation.budget;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Budget defaults for tenants without their own row, prefix {@code rag.generation.budgets}.
 *
 * @param defaultTier the tier of tenants nobody configured
 * @param defaultOnExhausted {@code cheaper_model} or {@code refuse}
 * @param completionEstimate the completion tokens a turn reserves before its model call (with its prompt's), given
 *        back once its real usage is recorded
 * @param staleReservationAge how old a reservation must be before it counts as left behind by a crashed turn and is
 *        given back; longer than any turn can run (model timeouts and retries included)
 * @param sweepInterval how often stale reservations are looked for
 */
@ConfigurationProperties("rag.generation.budgets")
record BudgetProperties(@DefaultValue("standard") String defaultTier,
        @DefaultValue("cheaper_model") String defaultOnExhausted, @DefaultValue("512") int completionEstimate,
        @DefaultValue("15m") Duration staleReservationAge, @DefaultValue("1m") Duration sweepInterval) {

    public BudgetProperties {
        if (Budget.OnExhausted.parse(defaultOnExhausted) == null) {
            throw new IllegalArgumentException(
                    "rag.generation.budgets.default-on-exhausted must be cheaper_model or refuse");
        }
        if (completionEstimate < 0) {
            throw new IllegalArgumentException("rag.generation.budgets.completion-estimate must not be negative");
        }
        if (staleReservationAge.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException(
                    "rag.generation.budgets.stale-reservation-age must be at least a minute: turns still running");
        }
    }
}
