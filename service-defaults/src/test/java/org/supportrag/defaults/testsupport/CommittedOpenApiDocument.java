package org.supportrag.defaults.testsupport;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springdoc.webmvc.api.OpenApiResource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The committed OpenAPI document of the service under test ({@code static/openapi/<name>-v1.yaml}, name from the
 * module's directory) is the one its controllers produce: a changed API fails the build until regenerated. A
 * service's {@code OpenApiDocumentIT} extends this and adds nothing.
 */
@SpringBootTest(properties = { "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
        "springdoc.api-docs.enabled=true" })
@Import(PostgresTestConfiguration.class)
public abstract class CommittedOpenApiDocument {

    @Autowired
    OpenApiResource openApi;

    @Test
    void committedDocumentIsTheOneTheControllersProduce() {
        String module = Path.of("").toAbsolutePath().getFileName().toString();
        OpenApiDocuments.assertMatchesCommitted(OpenApiDocuments.generate(openApi),
                "src/main/resources/static/openapi/" + module.replace("-service", "") + "-v1.yaml");
    }
}
