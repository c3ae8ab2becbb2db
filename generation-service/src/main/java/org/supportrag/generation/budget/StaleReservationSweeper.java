package org.supportrag.generation.budget;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives back budget reservations that no turn will release: a replica that died mid-turn, or a turn that ended
 * without reaching its release. Safe on every replica at once: each reservation's row is deleted once.
 */
@Component
class StaleReservationSweeper {

    private static final Logger log = LoggerFactory.getLogger(StaleReservationSweeper.class);

    private final BudgetService budgets;
    private final BudgetProperties properties;

    StaleReservationSweeper(BudgetService budgets, BudgetProperties properties) {
        this.budgets = budgets;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${rag.generation.budgets.sweep-interval:1m}", initialDelayString = "30s")
    void sweep() {
        int released = budgets.releaseStale(properties.staleReservationAge());
        if (released > 0) {
            log.info("Released {} stale budget reservations older than {}", released,
                    properties.staleReservationAge());
        }
    }
}
