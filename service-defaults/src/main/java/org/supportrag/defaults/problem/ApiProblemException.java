package org.supportrag.defaults.problem;

import java.net.URI;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A failure the client can act on, rendered as an RFC 9457 problem with a stable type. The detail must be safe
 * to show to the caller: never put stored data of another tenant, stack traces or secrets in it.
 */
public class ApiProblemException extends ErrorResponseException {

    public ApiProblemException(HttpStatusCode status, URI type, String title, @Nullable String detail) {
        this(status, type, title, detail, Map.of());
    }

    public ApiProblemException(HttpStatusCode status, URI type, String title, @Nullable String detail,
            Map<String, ?> properties) {
        super(status, problem(status, type, title, detail, properties), null);
    }

    private static ProblemDetail problem(HttpStatusCode status, URI type, String title, @Nullable String detail,
            Map<String, ?> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return problem;
    }

    public static ApiProblemException badRequest(String slug, String title, String detail) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.of(slug), title, detail);
    }

    public static ApiProblemException notFound(String slug, String title, String detail) {
        return new ApiProblemException(HttpStatus.NOT_FOUND, ProblemTypes.of(slug), title, detail);
    }

    public static ApiProblemException forbidden(String slug, String title, String detail) {
        return new ApiProblemException(HttpStatus.FORBIDDEN, ProblemTypes.of(slug), title, detail);
    }

    public static ApiProblemException unauthorized(String slug, String title, String detail) {
        return new ApiProblemException(HttpStatus.UNAUTHORIZED, ProblemTypes.of(slug), title, detail);
    }

    public static ApiProblemException payloadTooLarge(String slug, String title, String detail) {
        return new ApiProblemException(HttpStatus.PAYLOAD_TOO_LARGE, ProblemTypes.of(slug), title, detail);
    }

    public static ApiProblemException upstream(String slug, String title, String detail) {
        return new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.of(slug), title, detail);
    }
}
