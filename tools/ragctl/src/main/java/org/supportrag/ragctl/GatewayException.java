package org.supportrag.ragctl;

/** The gateway answered with an error or could not be reached; the message names status and problem title. */
final class GatewayException extends RuntimeException {

    /** Never null: every constructor takes the message. */
    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNull(super.getMessage());
    }

    GatewayException(String message) {
        super(message);
    }

    GatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
