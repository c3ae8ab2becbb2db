package org.supportrag.eval.beir;

import java.nio.file.Path;

/** A dataset file that does not follow the BEIR layout; names the file and line, never the line's content. */
public final class BeirFormatException extends RuntimeException {

    /** Never null: every constructor takes the message. */
    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNull(super.getMessage());
    }

    BeirFormatException(Path file, int line, String problem) {
        super(file + " line " + line + ": " + problem);
    }
}
