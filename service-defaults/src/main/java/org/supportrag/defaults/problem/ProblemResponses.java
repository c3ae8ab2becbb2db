package org.supportrag.defaults.problem;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem straight to a servlet response, for filters that run before Spring MVC. */
public final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    public static void write(HttpServletResponse response, HttpStatusCode status, URI type, String title,
            @Nullable String detail, @Nullable String instance) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        if (instance != null) {
            problem.setInstance(URI.create(instance));
        }
        write(response, problem);
    }

    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), members(problem));
    }

    /**
     * The problem as RFC 9457 JSON members with extension members at the top level (a plain mapper would nest them
     * under "properties"); for writers outside Spring MVC's message converters, such as SSE {@code error} events.
     */
    public static Map<String, Object> members(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", (problem.getType() != null ? problem.getType()
                : ProblemTypes.forStatus(HttpStatusCode.valueOf(problem.getStatus()))).toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            body.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
