package org.supportrag.ingestion.job;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import org.supportrag.ingestion.IngestionProperties;
import org.supportrag.ingestion.format.UnreadableFileException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveExpanderTests {

    private final ArchiveExpander expander = new ArchiveExpander(
            new IngestionProperties.Archives(10, DataSize.ofMegabytes(5), 100, 2), 64 * 1024);

    @Test
    void unpacksFilesWithTheArchiveNameAsPrefixSkippingFoldersAndMetadata() throws Exception {
        byte[] zip = zip(Map.of("help/returns.md", text("# Returns\n\n30 days."), "help/", new byte[0],
                "__MACOSX/help/._returns.md", text("junk"), "help/.DS_Store", text("junk")));

        List<ArchiveExpander.Entry> entries = expander.expand("kb.zip", zip);

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.name()).isEqualTo("kb.zip!/help/returns.md");
            assertThat(new String(entry.content(), StandardCharsets.UTF_8)).isEqualTo("# Returns\n\n30 days.");
            assertThat(entry.error()).isNull();
        });
    }

    @Test
    void refusesAZipBombByTheBytesActuallyInflated() {
        // 5 MB of zeros compress to a few kilobytes: far beyond the 100x ratio.
        byte[] bomb = zip(Map.of("zeros.txt", new byte[5 * 1024 * 1024]));

        assertThatThrownBy(() -> expander.expand("bomb.zip", bomb)).isInstanceOf(UnreadableFileException.class)
            .hasMessageStartingWith("archive refused: inflates beyond");
    }

    @Test
    void refusesAnArchiveWithTooManyEntries() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            files.put("faq-" + i + ".md", text("# FAQ " + i));
        }

        assertThatThrownBy(() -> expander.expand("many.zip", zip(files))).isInstanceOf(UnreadableFileException.class)
            .hasMessage("archive refused: more than 10 files");
    }

    @Test
    void failsAnOversizedEntryAndATooDeeplyNestedArchiveOnTheirOwn() throws Exception {
        byte[] innermost = zip(Map.of("deep.md", text("# Deep")));
        byte[] inner = zip(Map.of("inner.md", text("# Inner"), "innermost.zip", innermost));
        byte[] random = new byte[70 * 1024];
        new java.util.Random(7).nextBytes(random);
        byte[] outer = zip(Map.of("inner.zip", inner, "big.txt", random, "ok.md", text("# OK")));

        List<ArchiveExpander.Entry> entries = expander.expand("outer.zip", outer);

        assertThat(entries).extracting(ArchiveExpander.Entry::name, ArchiveExpander.Entry::error).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("outer.zip!/inner.zip!/inner.md", null),
                org.assertj.core.groups.Tuple.tuple("outer.zip!/inner.zip!/innermost.zip",
                        "nested archive too deep (at most 2 levels)"),
                org.assertj.core.groups.Tuple.tuple("outer.zip!/big.txt", "file too large"),
                org.assertj.core.groups.Tuple.tuple("outer.zip!/ok.md", null));
    }

    @Test
    void refusesCorruptArchives() {
        assertThatThrownBy(() -> expander.expand("broken.zip", "PK\u0003\u0004 not really".getBytes(StandardCharsets.ISO_8859_1)))
            .isInstanceOf(UnreadableFileException.class).hasMessage("corrupt archive");
        assertThatThrownBy(() -> expander.expand("text.zip", text("just text"))).isInstanceOf(UnreadableFileException.class)
            .hasMessage("corrupt archive");
    }

    static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : new LinkedHashMap<>(files).entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }
}
