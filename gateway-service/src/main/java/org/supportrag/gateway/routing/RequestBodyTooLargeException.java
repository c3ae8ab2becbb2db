package org.supportrag.gateway.routing;

import java.io.IOException;

/** Thrown while streaming a request body to a backend once it grows past the route's limit. */
final class RequestBodyTooLargeException extends IOException {

    RequestBodyTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}
