package org.supportrag.ingestion.document;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

import org.supportrag.defaults.problem.ProblemTypes;

/**
 * Multipart failures happen before any controller runs (while Spring MVC parses the request), so they get their own
 * problems: 413 naming the limits, 400 for a request that is not readable multipart.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadProblemAdvice {

    private final String maxRequestSize;

    UploadProblemAdvice(@Value("${spring.servlet.multipart.max-request-size:10MB}") String maxRequestSize) {
        this.maxRequestSize = maxRequestSize;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException ex) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Upload too large",
                "A request may be at most " + maxRequestSize + "; larger files fail on their own in the job.");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadable(MultipartException ex) {
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.of("invalid-upload"), "Invalid upload",
                "The multipart request could not be read: it is malformed or has too many parts.");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, URI type, String title,
            String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
