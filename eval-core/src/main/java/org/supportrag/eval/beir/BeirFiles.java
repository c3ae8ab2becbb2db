package org.supportrag.eval.beir;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * How BEIR documents are named in the platform: each corpus document is uploaded as {@code <_id>.txt} (the id
 * percent-encoded when it has characters unsafe in a file name), and a search hit's {@code sourceUri} (the stored
 * file name) leads back to the {@code _id}. Shared by {@code ragctl eval beir} and eval-service's BEIR runs.
 */
public final class BeirFiles {

    private static final String SUFFIX = ".txt";

    private BeirFiles() {
    }

    public static String fileName(String documentId) {
        return URLEncoder.encode(documentId, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A") + SUFFIX;
    }

    /** The BEIR {@code _id} of a hit, or null when its source is not a file named this way. */
    public static @Nullable String documentId(@Nullable String sourceUri) {
        if (sourceUri == null || !sourceUri.endsWith(SUFFIX) || sourceUri.length() == SUFFIX.length()) {
            return null;
        }
        try {
            return URLDecoder.decode(sourceUri.substring(0, sourceUri.length() - SUFFIX.length()),
                    StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
