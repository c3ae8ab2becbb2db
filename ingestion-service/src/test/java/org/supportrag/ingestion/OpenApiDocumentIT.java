package org.supportrag.ingestion;

import org.junit.jupiter.api.Test;
import org.springdoc.webmvc.api.OpenApiResource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import org.supportrag.defaults.testsupport.OpenApiDocuments;
import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestSecrets;

/** The committed OpenAPI document is the one the controllers produce: a changed API fails the build until regenerated. */
@SpringBootTest(properties = "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET)
@Import(PostgresTestConfiguration.class)
class OpenApiDocumentIT {

    @Autowired
    OpenApiResource openApi;

    @Test
    void committedDocumentIsTheOneTheControllersProduce() {
        OpenApiDocuments.assertMatchesCommitted(OpenApiDocuments.generate(openApi),
                "src/main/resources/static/openapi/ingestion-v1.yaml");
    }
}
