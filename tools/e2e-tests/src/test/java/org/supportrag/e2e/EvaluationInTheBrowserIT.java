package org.supportrag.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's evaluation pages in a real browser ({@link BrowserSuite#EVALUATION}): runs started, followed and
 * compared; a label becomes a candidate and is in the next dataset version; review queue, A/B, drift and quality.
 */
@ExtendWith(ServiceLogsOnFailure.class)
class EvaluationInTheBrowserIT {

    @Test
    void anAdminRunsComparesAndFeedsEvaluationsInTheConsole() throws Exception {
        BrowserSuite.EVALUATION.run();
    }
}
