package org.supportrag.ingestion.format;

/** A file that cannot be turned into text; the message is a fixed, client-safe phrase for the per-file error. */
public final class UnreadableFileException extends Exception {

    /** Never null: every constructor takes the message. */
    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNull(super.getMessage());
    }

    public UnreadableFileException(String reason) {
        super(reason, null, false, false);
    }

    public UnreadableFileException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
