package org.supportrag.gateway.enduser;

/** The end-user token cannot be trusted; the message is for logs at debug level, never for the client. */
public final class InvalidEndUserTokenException extends RuntimeException {

    InvalidEndUserTokenException(String message, Throwable cause) {
        super(message, cause);
    }

    InvalidEndUserTokenException(String message) {
        super(message);
    }
}
