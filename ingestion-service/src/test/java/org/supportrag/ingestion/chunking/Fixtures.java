package org.supportrag.ingestion.chunking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

final class Fixtures {

    private Fixtures() {
    }

    static String read(String name) {
        try (InputStream in = Objects.requireNonNull(Fixtures.class.getResourceAsStream("/fixtures/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Whitespace-separated words, for checking that chunking loses no text. */
    static Set<String> words(String text) {
        return Arrays.stream(text.split("\\s+")).filter(word -> !word.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static Set<String> words(List<Chunk> chunks) {
        return words(chunks.stream().map(Chunk::text).collect(Collectors.joining("\n")));
    }

    /** The first {@code n} words of a text, joined by single spaces. */
    static String firstWords(String text, int n) {
        return Arrays.stream(text.strip().split("\\s+")).limit(n).collect(Collectors.joining(" "));
    }
}
