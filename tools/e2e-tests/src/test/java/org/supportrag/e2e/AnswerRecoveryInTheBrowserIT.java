package org.supportrag.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The widget in a real browser when an answer's stream breaks off ({@link BrowserSuite#ANSWER_RECOVERY}): the answer
 * the service stored is fetched from the conversation and shown with its sources, not lost.
 */
@ExtendWith(ServiceLogsOnFailure.class)
class AnswerRecoveryInTheBrowserIT {

    @Test
    void anAnswerWhoseStreamBrokeOffIsFetchedFromTheConversation() throws Exception {
        BrowserSuite.ANSWER_RECOVERY.run();
    }
}
