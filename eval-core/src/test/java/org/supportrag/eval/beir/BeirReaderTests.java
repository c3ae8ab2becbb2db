package org.supportrag.eval.beir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BeirReaderTests {

    private final BeirReader reader = new BeirReader(JsonMapper.builder().build());

    @Test
    void readsTheCorpusInFileOrderWithOptionalTitlesAndNumericIds() throws Exception {
        List<BeirDocument> corpus = new ArrayList<>();

        reader.readCorpus(fixture(), corpus::add);

        assertThat(corpus).containsExactly(new BeirDocument("doc-1", "Returns", "Items can be returned within 30 days."),
                new BeirDocument("doc-2", "", "Refunds take ten days."),
                new BeirDocument("42", "Shipping", "Parcels ship with DHL."));
    }

    @Test
    void readsQueriesWithTheirConversationContext() throws Exception {
        Map<String, BeirQuery> queries = reader.readQueries(fixture());

        assertThat(queries.keySet()).containsExactly("q1", "q2");
        assertThat(queries.get("q1")).isEqualTo(new BeirQuery("q1", "How long do refunds take?", List.of()));
        assertThat(queries.get("q2").context()).containsExactly(new BeirQuery.Turn("U", "I want my money back"),
                new BeirQuery.Turn("S", "Refunds take ten days."));
    }

    @Test
    void readsGradedQrelsOfASplitSkippingTheHeader() throws Exception {
        Map<String, Map<String, Integer>> qrels = reader.readQrels(fixture(), "test");

        assertThat(qrels).containsOnlyKeys("q1", "q2");
        assertThat(qrels.get("q1")).containsExactly(Map.entry("doc-2", 2), Map.entry("doc-1", 1));
        assertThat(qrels.get("q2")).containsExactly(Map.entry("doc-1", 1), Map.entry("42", 0));
    }

    @Test
    void namesTheFileAndLineOfMalformedInputButNotItsContent(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("corpus.jsonl"), """
                {"_id": "a", "text": "fine"}
                {"_id": "b", "title": "secret title"}
                """);
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("qrels/dev.tsv"), "query-id\tcorpus-id\tscore\nq1\ta\tsecret\n");
        Files.writeString(dir.resolve("qrels/train.tsv"), "q1\ta\t1\n");

        assertThatExceptionOfType(BeirFormatException.class).isThrownBy(() -> reader.readCorpus(dir, document -> {
        })).withMessageContaining("corpus.jsonl line 2").withMessageContaining("'text'").withMessageNotContaining("secret");
        assertThatExceptionOfType(BeirFormatException.class).isThrownBy(() -> reader.readQrels(dir, "dev"))
            .withMessageContaining("dev.tsv line 2")
            .withMessageNotContaining("secret");
        assertThatExceptionOfType(BeirFormatException.class).isThrownBy(() -> reader.readQrels(dir, "train"))
            .withMessageContaining("header");
    }

    @Test
    void rejectsASplitNameThatIsAPath() throws Exception {
        Path dir = fixture();
        assertThatIllegalArgumentException().isThrownBy(() -> reader.readQrels(dir, "../test"));
    }

    /** A tiny hand-written dataset in BEIR's layout, written at test time (no dataset files live in the repo). */
    private static Path fixture() throws IOException {
        Path dir = Files.createTempDirectory("beir-tiny");
        dir.toFile().deleteOnExit();
        Files.writeString(dir.resolve("corpus.jsonl"), """
                {"_id": "doc-1", "title": "Returns", "text": "Items can be returned within 30 days.", "metadata": {"source": "fixture"}}
                {"_id": "doc-2", "text": "Refunds take ten days."}

                {"_id": 42, "title": "Shipping", "text": "Parcels ship with DHL."}
                """);
        Files.writeString(dir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "How long do refunds take?"}
                {"_id": "q2", "text": "And for returns?", "metadata": {"context": [{"speaker": "U", "text": "I want my money back"}, {"speaker": "S", "text": "Refunds take ten days."}]}}
                """);
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("qrels/test.tsv"),
                "query-id\tcorpus-id\tscore\nq1\tdoc-2\t2\nq1\tdoc-1\t1\nq2\tdoc-1\t1\nq2\t42\t0\n");
        return dir;
    }
}
