package org.supportrag.gateway;

import java.util.function.UnaryOperator;

import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerContext;
import org.supportrag.defaults.security.CallerIdentity;

/**
 * What every admin API of the gateway checks the same way. Request bodies are read strictly: an unknown property
 * (tenantId, keyHash...) is a mass-assignment attempt and is refused with a problem, as is anything that is not one
 * JSON object. Jackson's messages may quote the input, so they never reach the response.
 */
@Component
@RequiredArgsConstructor
public class AdminRequests {

    public static final String INVALID_REQUEST = "Invalid request";

    private final JsonMapper mapper;

    /** @param expected says what the body should be, for the problem detail */
    public <T> T read(byte[] body, Class<T> type, String expected) {
        String detail = "The request body must be " + expected + ".";
        return read(body, type, INVALID_REQUEST, detail,
                property -> "Unknown property: the request body must be " + expected + ".");
    }

    /**
     * @param title   the problem title
     * @param invalid the problem detail when the body is not one JSON object of the type
     * @param unknown the problem detail for an unknown property, given its name
     */
    public <T> T read(byte[] body, Class<T> type, String title, String invalid, UnaryOperator<String> unknown) {
        try {
            T value = mapper.readerFor(type)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readValue(body);
            if (value == null) {
                throw invalid(title, invalid);
            }
            return value;
        }
        catch (UnrecognizedPropertyException ex) {
            throw invalid(title, unknown.apply(ex.getPropertyName()));
        }
        catch (JacksonException ex) {
            throw invalid(title, invalid);
        }
    }

    public static ApiProblemException invalid(String detail) {
        return invalid(INVALID_REQUEST, detail);
    }

    public static ApiProblemException invalid(String title, String detail) {
        return ApiProblemException.badRequest("validation", title, detail);
    }

    /** The caller, when the tenant in the path is its own; another tenant's is answered as if it did not exist. */
    public static CallerIdentity ownTenant(String tenant) {
        CallerIdentity caller = CallerContext.current();
        if (!caller.tenantId().equals(tenant)) {
            throw ApiProblemException.notFound("tenant-not-found", "Tenant not found", "There is no such tenant.");
        }
        return caller;
    }
}
