package org.supportrag.ingestion.format;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowFilesTests {

    @Test
    void readsCsvWithQuotedFieldsInColumnOrder() throws Exception {
        List<Map<String, String>> rows = RowFiles.readCsv("""
                sku,name,notes
                KTL-2,Glass kettle,"1.7 l, boils in 4 minutes
                dishwasher-safe lid"
                TST-1,Toaster,""
                """);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).keySet()).containsExactly("sku", "name", "notes");
        assertThat(rows.get(0).get("notes")).isEqualTo("1.7 l, boils in 4 minutes\ndishwasher-safe lid");
    }

    @Test
    void readsJsonLinesAndRefusesALineThatIsNotAnObject() throws Exception {
        List<Map<String, String>> rows = RowFiles.readJsonLines("""
                {"question": "Do you ship to Norway?", "answer": "Yes, in 5 days.", "views": 12}

                {"question": "Can I pay by invoice?", "answer": "On annual plans.", "tags": ["billing"]}
                """);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("views", "12");
        assertThat(rows.get(1)).containsEntry("tags", "[\"billing\"]");
        assertThatThrownBy(() -> RowFiles.readJsonLines("{\"a\": 1}\n[1, 2]\n")).isInstanceOf(UnreadableFileException.class)
            .hasMessage("line 2 is not a JSON object");
    }
}
