package org.supportrag.ingestion.format;

/** A file that cannot be turned into text; the message is a fixed, client-safe phrase for the per-file error. */
public final class UnreadableFileException extends Exception {

    public UnreadableFileException(String reason) {
        super(reason, null, false, false);
    }

    public UnreadableFileException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
