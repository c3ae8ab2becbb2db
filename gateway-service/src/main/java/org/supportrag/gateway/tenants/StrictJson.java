package org.supportrag.gateway.tenants;

import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.problem.ApiProblemException;

/**
 * Request bodies read strictly: an unknown property (tenantId, keyHash...) is a mass-assignment attempt and is refused
 * with a problem, as is anything that is not one JSON object. Jackson's messages may quote the input, so they never
 * reach the response.
 */
@Component
@RequiredArgsConstructor
class StrictJson {

    private final JsonMapper mapper;

    /** @param expected says what the body should be, for the problem detail */
    <T> T read(byte[] body, Class<T> type, String expected) {
        try {
            T value = mapper.readerFor(type)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readValue(body);
            if (value == null) {
                throw invalid("The request body must be " + expected + ".");
            }
            return value;
        }
        catch (UnrecognizedPropertyException ex) {
            throw invalid("Unknown property: the request body must be " + expected + ".");
        }
        catch (JacksonException ex) {
            throw invalid("The request body must be " + expected + ".");
        }
    }

    static ApiProblemException invalid(String detail) {
        return ApiProblemException.badRequest("validation", "Invalid request", detail);
    }
}
