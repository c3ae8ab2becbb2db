package org.supportrag.ingestion.document;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.ingestion.chunking.ChunkingSettings;
import org.supportrag.ingestion.format.TestOfficeFiles;
import org.supportrag.ingestion.format.UnreadableFileException;
import org.supportrag.ingestion.settings.KnowledgeBaseSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DocumentReadersTests {

    static final DocumentReaders READERS = new DocumentReaders(TokenCounter.bundled());
    static final ChunkingSettings SIZES = ChunkingSettings.defaults();

    @Test
    void readsEachKindWithItsOwnReaderAndChunker() throws Exception {
        List<IndexUnit> docx = read(DocumentKind.DOCX, "policy.docx", TestOfficeFiles.docx(TestOfficeFiles.DOCUMENT_XML));
        List<IndexUnit> markdown = read(DocumentKind.MARKDOWN, "faq.md", utf8("# Refunds\n\nWithin 5 days.\n"));

        assertThat(docx).singleElement().satisfies(unit -> {
            assertThat(unit.kind()).isEqualTo(DocumentKind.DOCX);
            assertThat(unit.text()).startsWith("# Travel expense policy");
            assertThat(unit.chunking().get().chunks()).isNotEmpty();
        });
        assertThat(markdown).singleElement().satisfies(unit -> {
            assertThat(unit.kind()).isEqualTo(DocumentKind.MARKDOWN);
            assertThat(unit.chunking().get().chunks().getFirst().sectionPath()).contains("Refunds");
        });
    }

    @Test
    void readsAContractInAnOfficeFormatWithThatFormatsReader() throws Exception {
        List<IndexUnit> units = read(DocumentKind.CONTRACT, "service-agreement.docx",
                TestOfficeFiles.docx(TestOfficeFiles.DOCUMENT_XML));

        assertThat(units).singleElement().satisfies(unit -> {
            assertThat(unit.kind()).isEqualTo(DocumentKind.CONTRACT);
            assertThat(unit.text()).contains("Travel expense policy");
        });
    }

    @Test
    void refusesAFileThatIsNotOfItsKindWithTheReadersMessage() {
        assertThatExceptionOfType(UnreadableFileException.class)
            .isThrownBy(() -> read(DocumentKind.DOCX, "policy.docx", utf8("plain text")))
            .withMessageStartingWith("not a DOCX file");
        assertThatExceptionOfType(UnreadableFileException.class)
            .isThrownBy(() -> read(DocumentKind.TEXT, "empty.txt", new byte[0]))
            .withMessage(DocumentReaders.EMPTY);
    }

    private static List<IndexUnit> read(DocumentKind kind, String name, byte[] bytes) throws UnreadableFileException {
        return READERS.read(kind, name, bytes, SIZES, KnowledgeBaseSettings.NONE);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
