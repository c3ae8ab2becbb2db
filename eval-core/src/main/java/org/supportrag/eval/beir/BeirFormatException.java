package org.supportrag.eval.beir;

import java.nio.file.Path;

/** A dataset file that does not follow the BEIR layout; names the file and line, never the line's content. */
public final class BeirFormatException extends RuntimeException {

    BeirFormatException(Path file, int line, String problem) {
        super(file + " line " + line + ": " + problem);
    }
}
