package org.supportrag.ingestion.chunking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.supportrag.defaults.embedding.TokenCounter;

import static org.assertj.core.api.Assertions.assertThat;

class RowChunkerTests {

    private static final TokenCounter TOKENS = TokenCounter.bundled();

    @Test
    void makesOneChunkPerRowWithFieldNames() {
        List<Map<String, String>> rows = List.of(row("sku", "KTL-2", "name", "Glass kettle", "warranty", "24 months",
                "price", "49.90"), row("sku", "TST-1", "name", "Toaster", "warranty", "", "price", "29.00"));

        ChunkedDocument document = new RowChunker(TOKENS, ChunkingSettings.defaults())
            .chunk(rows, "catalog/products.csv", "name", List.of("warranty", "price"));

        assertThat(document.title()).isEqualTo("products");
        assertThat(document.chunks()).hasSize(2);
        assertThat(document.chunks().get(0).sectionPath()).isEqualTo("products > Glass kettle");
        assertThat(document.chunks().get(0).text()).isEqualTo("name: Glass kettle\nwarranty: 24 months\nprice: 49.90");
        // Empty values are left out; columns not configured as text (sku) too.
        assertThat(document.chunks().get(1).text()).isEqualTo("name: Toaster\nprice: 29.00");
    }

    @Test
    void numbersRowsWithoutATitleColumn() {
        ChunkedDocument document = new RowChunker(TOKENS, ChunkingSettings.defaults())
            .chunk(List.of(row("q", "How long is shipping?", "a", "3 to 5 days")), "faq.jsonl", null, List.of());

        assertThat(document.chunks()).singleElement().satisfies(chunk -> {
            assertThat(chunk.sectionPath()).isEqualTo("faq > Row 1");
            assertThat(chunk.text()).isEqualTo("q: How long is shipping?\na: 3 to 5 days");
        });
    }

    private static Map<String, String> row(String... keysAndValues) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
