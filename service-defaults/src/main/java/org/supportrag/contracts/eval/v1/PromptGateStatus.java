package org.supportrag.contracts.eval.v1;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Whether a prompt template version passed the regression gate: the latest recorded gate verdict of a candidate run
 * whose answers were written with that version, against its baseline run on the same dataset.
 *
 * @param status        {@code passed}, {@code failed} or {@code none} (no gate run used the version)
 * @param verdictId     the gate verdict, null when none
 * @param failedMetrics the metrics that regressed significantly or fell below their floor
 * @param summary       one line per failed metric: metric, effect, p-value and the items that got worse
 */
public record PromptGateStatus(String status, @Nullable UUID verdictId, @Nullable UUID baselineRun,
        @Nullable UUID candidateRun, @Nullable String dataset, List<String> failedMetrics, @Nullable String summary,
        @Nullable Instant decidedAt) {

    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String NONE = "none";

    public static PromptGateStatus none() {
        return new PromptGateStatus(NONE, null, null, null, null, List.of(), null, null);
    }
}
