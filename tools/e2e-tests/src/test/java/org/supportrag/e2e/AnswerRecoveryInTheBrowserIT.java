package org.supportrag.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The widget in a real browser when a call breaks off ({@link BrowserSuite#ANSWER_RECOVERY}): an answer whose stream
 * broke is fetched from the conversation and shown with its sources; a feedback vote that met an outage is sent again
 * (also after a reload) and stored once. Nothing the customer did is lost.
 */
@ExtendWith(ServiceLogsOnFailure.class)
class AnswerRecoveryInTheBrowserIT {

    @Test
    void anAnswerWhoseStreamBrokeOffIsFetchedAndAVoteThatMetAnOutageIsStoredOnce() throws Exception {
        JsonNode facts = BrowserSuite.ANSWER_RECOVERY.run();

        assertStoredOnce(facts.get("feedbackRetried"));
        assertStoredOnce(facts.get("feedbackAfterReload"));
    }

    /** A vote the widget sent again (feedback-retry.test.mjs): one row, however many times it reached eval. */
    private void assertStoredOnce(JsonNode vote) throws SQLException {
        assertThat(vote).as("feedback-retry.test.mjs recorded its vote").isNotNull();
        try (Connection db = BrowserSuite.connect(); PreparedStatement query = db.prepareStatement(
                "SELECT rating FROM eval.feedback WHERE message_id = ?::uuid")) {
            query.setString(1, vote.get("messageId").asString());
            List<String> ratings = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ratings.add(rows.getString("rating"));
                }
            }
            assertThat(ratings).containsExactly(vote.get("rating").asString());
        }
    }
}
