package org.supportrag.gateway.routing;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.ServerResponse;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;

/**
 * Turns a failed proxy call into a problem the client can act on, instead of a 500 with a stack trace: backend
 * unreachable is 503, too slow is 504, broken mid-request is 502, an oversized streamed body is 413.
 */
final class ProxyErrors {

    private static final Logger log = LoggerFactory.getLogger(ProxyErrors.class);

    private static final Set<Class<? extends Throwable>> UNREACHABLE = Set.of(ConnectException.class,
            HttpConnectTimeoutException.class, NoRouteToHostException.class, UnknownHostException.class);

    private static final URI UPSTREAM_TIMEOUT = ProblemTypes.of("upstream-timeout");

    private ProxyErrors() {
    }

    /** Problems raised on purpose (e.g. by the caller relay) already say what they mean. */
    static boolean needsTranslation(Throwable ex) {
        return !(ex instanceof ErrorResponseException);
    }

    /** For {@code onError}: never returns, the problem propagates to the shared problem-details handling. */
    static ServerResponse fail(String backend, Throwable ex) {
        throw translate(backend, ex);
    }

    /** A problem {@link #translate} made of a backend that did not answer: unreachable, timed out, broken off. */
    static boolean backendFailedToAnswer(ErrorResponseException problem) {
        URI type = problem.getBody().getType();
        return ProblemTypes.UPSTREAM_UNAVAILABLE.equals(type) || UPSTREAM_TIMEOUT.equals(type);
    }

    static RuntimeException translate(String backend, Throwable ex) {
        if (hasCause(ex, Set.of(RequestBodyTooLargeException.class))) {
            return new ApiProblemException(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
                    "Request too large", "The request body is larger than this endpoint accepts.");
        }
        if (hasCause(ex, UNREACHABLE)) {
            log.warn("Backend {} unreachable: {}", backend, ex.toString());
            return upstream(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UPSTREAM_UNAVAILABLE,
                    "The service is temporarily unavailable. Please try again shortly.");
        }
        if (hasCause(ex, Set.of(HttpTimeoutException.class, SocketTimeoutException.class))) {
            log.warn("Backend {} timed out: {}", backend, ex.toString());
            return upstream(HttpStatus.GATEWAY_TIMEOUT, UPSTREAM_TIMEOUT,
                    "The service took too long to answer. Please try again.");
        }
        if (ex instanceof ResourceAccessException) {
            log.warn("Backend {} failed: {}", backend, ex.toString());
            return upstream(HttpStatus.BAD_GATEWAY, ProblemTypes.UPSTREAM_UNAVAILABLE,
                    "The service failed to answer. Please try again shortly.");
        }
        return ex instanceof RuntimeException runtime ? runtime : new IllegalStateException(ex);
    }

    /** The route's breaker is open or its bulkhead full: unavailable, without waiting for the backend. */
    static ApiProblemException refused(String backend, Exception ex) {
        log.debug("Proxy to {} not attempted: {}", backend, ex.getMessage());
        return upstream(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UPSTREAM_UNAVAILABLE,
                "The service is temporarily unavailable. Please try again shortly.");
    }

    /**
     * For {@code after}: a backend's server error that is not one of our problems (a container error page, a stack
     * trace from a broken service) is replaced by a 502 problem, so no backend body reaches the client.
     */
    static ServerResponse hideForeignServerErrors(String backend, ServerResponse response) {
        if (!response.statusCode().is5xxServerError()) {
            return response;
        }
        String type = response.headers().getFirst(org.springframework.http.HttpHeaders.CONTENT_TYPE);
        if (type != null && type.startsWith(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
            return response;
        }
        log.warn("Backend {} answered {} without a problem body; replaced", backend, response.statusCode().value());
        throw upstream(HttpStatus.BAD_GATEWAY, ProblemTypes.of("upstream-error"),
                "The service failed to answer. Please try again shortly.");
    }

    /** Which backend failed is logged, not told: clients need no map of the platform. */
    private static ApiProblemException upstream(HttpStatus status, URI type, String detail) {
        return new ApiProblemException(status, type, "Service unavailable", detail);
    }

    private static boolean hasCause(Throwable ex, Set<Class<? extends Throwable>> types) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            Throwable current = cause;
            if (types.stream().anyMatch(type -> type.isInstance(current))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
