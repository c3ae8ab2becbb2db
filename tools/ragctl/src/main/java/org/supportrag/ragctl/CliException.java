package org.supportrag.ragctl;

/** A failure the user can act on; printed as one line, exit code 1. */
final class CliException extends RuntimeException {

    CliException(String message) {
        super(message);
    }
}
