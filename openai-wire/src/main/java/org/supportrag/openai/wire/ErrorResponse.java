package org.supportrag.openai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/** OpenAI's error envelope {@code {"error": {"message", "type", "param", "code"}}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorResponse(Detail error) {

    /** The error with the type and code the real API sends for {@code status}. */
    public static ErrorResponse forStatus(int status, String message) {
        String type = status == 429 ? "requests" : status >= 500 ? "server_error" : "invalid_request_error";
        String code = switch (status) {
            case 401 -> "invalid_api_key";
            case 403 -> "permission_denied";
            case 404 -> "not_found";
            case 429 -> "rate_limit_exceeded";
            default -> status >= 500 ? "server_error" : "invalid_request";
        };
        return new ErrorResponse(new Detail(message, type, null, code));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Detail(String message, String type, @Nullable String param, @Nullable String code) {
    }
}
