package org.supportrag.defaults.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A producer's committed OpenAPI document (the one its controllers generate), for checking a consumer's test fake:
 * an exchange the fake takes part in must be one the producer documents, request and response alike.
 */
public final class ProducerContract {

    private final String producer;
    private final OpenApiInteractionValidator validator;

    private ProducerContract(String producer, Path document) {
        assertThat(document).as("committed OpenAPI document of %s", producer).exists();
        this.producer = producer;
        this.validator = OpenApiInteractionValidator.createForSpecificationUrl(document.toUri().toString()).build();
    }

    /** The document of {@code <name>-service}, read from its module next to the consumer's. */
    public static ProducerContract of(String name) {
        Path document = Path.of("..", name + "-service", "src/main/resources/static/openapi", name + "-v1.yaml");
        return new ProducerContract(name, Files.exists(document) ? document : document.toAbsolutePath());
    }

    /** Fails unless the producer documents this exchange: path, method, request body and response status and body. */
    public void assertDocuments(String method, String pathAndQuery, String requestBody, int status,
            String responseBody) {
        int query = pathAndQuery.indexOf('?');
        String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), path)
            .withAuthorization("Bearer test")
            .withContentType("application/json")
            .withAccept("application/json");
        if (query >= 0) {
            for (String pair : pathAndQuery.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                request.withQueryParam(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        if (requestBody != null) {
            request.withBody(requestBody);
        }
        SimpleResponse response = SimpleResponse.Builder.status(status)
            .withContentType("application/json")
            .withBody(responseBody)
            .build();
        ValidationReport report = validator.validate(request.build(), response);
        assertThat(report.getMessages()).as("%s %s against %s's committed OpenAPI document", method, path, producer)
            .isEmpty();
    }
}
