package org.supportrag.ragctl;

/** A failure the user can act on; printed as one line, exit code 1. */
final class CliException extends RuntimeException {

    /** Never null: every constructor takes the message. */
    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNull(super.getMessage());
    }

    CliException(String message) {
        super(message);
    }
}
