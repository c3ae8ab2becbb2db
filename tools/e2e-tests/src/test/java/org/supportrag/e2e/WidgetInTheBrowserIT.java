package org.supportrag.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer widget and the agent console in a real browser ({@link BrowserSuite#WIDGET}: asking with sources and
 * feedback, escalation to an agent, signed visitors, kind errors and German, knowledge base and widget keys in the
 * console), then checks in the database what the scripts did through the UI (feedback, labels).
 */
@ExtendWith(ServiceLogsOnFailure.class)
class WidgetInTheBrowserIT {

    @Test
    void theWidgetAndTheConsoleWorkInChromiumAndWhatPeopleDidThereIsStored() throws Exception {
        JsonNode facts = BrowserSuite.WIDGET.run();

        assertFeedbackStored(facts.get("feedback"));
        assertLabelStored(facts.get("label"));
    }

    /** The thumbs-down and comment the customer gave in the widget, in eval's table, tied to the turn's trace. */
    private void assertFeedbackStored(JsonNode feedback) throws SQLException {
        assertThat(feedback).as("the browser tests recorded the feedback they gave").isNotNull();
        try (Connection db = BrowserSuite.connect(); PreparedStatement query = db.prepareStatement(
                "SELECT tenant_id, conversation_id::text, rating, comment, trace_id FROM eval.feedback WHERE message_id = ?::uuid")) {
            query.setString(1, feedback.get("messageId").asString());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("feedback row for message " + feedback.get("messageId")).isTrue();
                assertThat(row.getString("tenant_id")).isEqualTo("demo");
                assertThat(row.getString("conversation_id")).isEqualTo(feedback.get("conversationId").asString());
                assertThat(row.getString("rating")).isEqualTo("down");
                assertThat(row.getString("comment")).isEqualTo(feedback.get("comment").asString());
                assertThat(row.getString("trace_id")).isEqualTo(feedback.get("traceId").asString()).isNotBlank();
            }
        }
    }

    /** The label the agent saved in the console, in eval's table with the agent's subject and tenant. */
    private void assertLabelStored(JsonNode label) throws SQLException {
        assertThat(label).as("the browser tests recorded the label they saved").isNotNull();
        try (Connection db = BrowserSuite.connect(); PreparedStatement query = db.prepareStatement(
                "SELECT tenant_id, conversation_id::text, label, corrected_answer, labelled_by FROM eval.labels WHERE message_id = ?::uuid")) {
            query.setString(1, label.get("messageId").asString());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("label row for message " + label.get("messageId")).isTrue();
                assertThat(row.getString("tenant_id")).isEqualTo("demo");
                assertThat(row.getString("conversation_id")).isEqualTo(label.get("conversationId").asString());
                assertThat(row.getString("label")).isEqualTo("missing_knowledge");
                assertThat(row.getString("corrected_answer")).isEqualTo(label.get("correctedAnswer").asString());
                assertThat(row.getString("labelled_by")).isEqualTo(label.get("labelledBy").asString());
            }
        }
    }
}
