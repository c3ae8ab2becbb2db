package org.supportrag.ragctl;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BeirIdsTests {

    @Test
    void plainIdsBecomeTheirOwnFileName() {
        assertThat(BeirIds.fileName("4983")).isEqualTo("4983.txt");
        assertThat(BeirIds.fileName("Australia-0")).isEqualTo("Australia-0.txt");
    }

    @Test
    void aHitsSourceLeadsBackToTheDocumentId() {
        for (String id : List.of("4983", "Australia-0", "a/b c", "100%", "ünï", "x.txt")) {
            assertThat(BeirIds.documentId(BeirIds.fileName(id))).as(id).isEqualTo(id);
        }
    }

    @Test
    void idsWithPathSeparatorsOrSpacesAreEncodedInTheFileName() {
        assertThat(BeirIds.fileName("a/b c")).isEqualTo("a%2Fb%20c.txt");
    }

    @Test
    void sourcesThisHarnessDidNotUploadMapToNothing() {
        assertThat(BeirIds.documentId(null)).isNull();
        assertThat(BeirIds.documentId("guide.md")).isNull();
        assertThat(BeirIds.documentId(".txt")).isNull();
        assertThat(BeirIds.documentId("%zz.txt")).isNull();
    }

    @Test
    void rankingKeepsHitOrderAndSkipsForeignSources() {
        List<GatewayClient.Hit> hits = List.of(new GatewayClient.Hit("7.txt", "Seven"),
                new GatewayClient.Hit(null, "No source"), new GatewayClient.Hit("3.txt", "Three"),
                new GatewayClient.Hit("7.txt", "Seven again"));

        assertThat(BeirCommand.ranking(hits)).containsExactly("7", "3", "7");
    }

    @Test
    void theTitleIsTheFirstLineOfTheUploadedText() {
        assertThat(BeirIds.content("A  title\nwith a break", "Body.")).isEqualTo("A title with a break\n\nBody.");
        assertThat(BeirIds.content("", "Body only.")).isEqualTo("Body only.");
    }

    @Test
    void theKnowledgeBaseIsNamedAfterTheDatasetAndTheCorpusHash(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        Files.writeString(corpus, "abc", StandardCharsets.UTF_8);

        String sha = BeirIds.sha256(corpus);

        assertThat(sha).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(BeirIds.knowledgeBase("SciFact", sha)).isEqualTo("beir-scifact-ba7816bf");
        assertThat(BeirIds.knowledgeBase("my data.set!", sha)).isEqualTo("beir-my-data-set-ba7816bf");
        assertThat(BeirIds.knowledgeBase("x".repeat(80), sha)).hasSizeLessThanOrEqualTo(64)
            .matches("[a-z0-9][a-z0-9_-]{0,63}");
    }
}
