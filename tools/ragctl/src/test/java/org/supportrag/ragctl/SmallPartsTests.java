package org.supportrag.ragctl;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.supportrag.eval.metrics.Percentiles;

import static org.assertj.core.api.Assertions.assertThat;

class SmallPartsTests {

    @Test
    void percentilesUseTheNearestRank() {
        List<Double> values = List.of(5.0, 1.0, 4.0, 2.0, 3.0, 6.0, 7.0, 8.0, 9.0, 10.0);

        assertThat(Percentiles.of(values, 50)).isEqualTo(5.0);
        assertThat(Percentiles.of(values, 95)).isEqualTo(10.0);
        assertThat(Percentiles.of(List.of(), 50)).isZero();
    }

    @Test
    void parsesServerSentEventsWithMultiLineData() throws Exception {
        String stream = "event: meta\ndata: {\"a\":1}\n\nevent:token\ndata: x\ndata: y\n\n: comment\n\ndata: last";
        List<String> events = new ArrayList<>();

        SseParser.parse(new BufferedReader(new StringReader(stream)), (event, data) -> events.add(event + "=" + data));

        assertThat(events).containsExactly("meta={\"a\":1}", "token=x\ny", "message=last");
    }

    @Test
    void aProblemResponseBecomesAOneLineMessage() {
        assertThat(GatewayClient.failure(403, "{\"title\":\"Forbidden\",\"detail\":\"Not this key.\"}").getMessage())
            .isEqualTo("HTTP 403 Forbidden: Not this key.");
        assertThat(GatewayClient.failure(502, "<html>bad gateway</html>").getMessage()).isEqualTo("HTTP 502");
    }

    @Test
    void progressBarFillsWithTheShareDone() {
        assertThat(Progress.line("up", 5, 10)).isEqualTo("up [" + "#".repeat(15) + " ".repeat(15) + "] 5/10");
    }

    @Test
    void foldersAreWalkedWithRelativeNamesAndHiddenFilesSkipped(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("kb/guides"));
        Files.createDirectories(dir.resolve("kb/.git"));
        Files.writeString(dir.resolve("kb/guides/setup.md"), "# Setup");
        Files.writeString(dir.resolve("kb/faq.txt"), "FAQ");
        Files.writeString(dir.resolve("kb/.git/config"), "x");
        Files.writeString(dir.resolve("single.md"), "# One");

        List<IngestCommand.FileToUpload> files = IngestCommand.collect(List.of(dir.resolve("kb"), dir.resolve("single.md")));

        assertThat(files).extracting(IngestCommand.FileToUpload::name)
            .containsExactly("faq.txt", "guides/setup.md", "single.md");
    }

    @Test
    void limitKeepsTheFirstQueriesOfTheSplit() {
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        qrels.put("q1", Map.of("d1", 1));
        qrels.put("q2", Map.of("d2", 1));
        qrels.put("q3", Map.of("d3", 1));

        assertThat(BeirCommand.selectQueries(qrels, 2)).containsOnlyKeys("q1", "q2");
        assertThat(BeirCommand.selectQueries(qrels, null)).hasSize(3);
    }
}
