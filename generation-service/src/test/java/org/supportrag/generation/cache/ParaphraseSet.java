package org.supportrag.generation.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The checked-in paraphrase set, {@code src/test/resources/cache/paraphrases.tsv}. */
final class ParaphraseSet {

    /** A cached question and a new one that must ({@code same}) or must not reuse its answer. */
    record Pair(boolean same, String cached, String candidate) {
    }

    private ParaphraseSet() {
    }

    static List<Pair> load() {
        try (InputStream in = ParaphraseSet.class.getResourceAsStream("/cache/paraphrases.tsv")) {
            if (in == null) {
                throw new IllegalStateException("cache/paraphrases.tsv missing");
            }
            List<Pair> pairs = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                if (columns.length != 3 || !(columns[0].equals("same") || columns[0].equals("different"))) {
                    throw new IllegalStateException("Bad paraphrase line: " + line);
                }
                pairs.add(new Pair(columns[0].equals("same"), columns[1], columns[2]));
            }
            return pairs;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
