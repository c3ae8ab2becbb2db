package org.supportrag.ragctl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.commons.codec.digest.DigestUtils;
import org.jspecify.annotations.Nullable;

import org.supportrag.eval.beir.BeirFiles;

/**
 * How BEIR documents are named in the platform: each corpus document is uploaded as {@code <_id>.txt} (the id
 * percent-encoded when it has characters unsafe in a file name), and a search hit's {@code sourceUri} (the stored
 * file name) leads back to the {@code _id}. The knowledge base is named after the dataset and the corpus's hash.
 */
final class BeirIds {

    private static final String SUFFIX = ".txt";

    private BeirIds() {
    }

    static String fileName(String documentId) {
        return BeirFiles.fileName(documentId);
    }

    /** The BEIR {@code _id} of a hit, or null when its source is not a file this harness uploaded. */
    static @Nullable String documentId(@Nullable String sourceUri) {
        return BeirFiles.documentId(sourceUri);
    }

    /** The document as uploaded: the title on the first line (the text chunker takes it as the title), then the text. */
    static String content(String title, String text) {
        String oneLineTitle = title.replaceAll("\\s+", " ").strip();
        return oneLineTitle.isEmpty() ? text : oneLineTitle + "\n\n" + text;
    }

    /**
     * {@code beir-<dataset>-<first 8 hex digits of the corpus's SHA-256>}, within the service's knowledge-base name
     * rules (lowercase letters, digits, {@code -} and {@code _}, at most 64 characters).
     */
    static String knowledgeBase(String dataset, String corpusSha256) {
        String name = dataset.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        if (name.isEmpty()) {
            name = "dataset";
        }
        if (name.length() > 45) {
            name = name.substring(0, 45);
        }
        return "beir-" + name + "-" + corpusSha256.substring(0, 8);
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return DigestUtils.sha256Hex(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + file, ex);
        }
    }
}
