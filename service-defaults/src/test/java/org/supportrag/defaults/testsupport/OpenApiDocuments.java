package org.supportrag.defaults.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.springdoc.webmvc.api.OpenApiResource;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed OpenAPI document of a service is the one springdoc generates from its controllers: a test compares
 * the two and fails on any difference; {@code -Dopenapi.write=true} rewrites the committed file instead.
 */
public final class OpenApiDocuments {

    /** The system property (a Maven user property reaches the test JVM) that rewrites the committed documents. */
    public static final String WRITE = "openapi.write";

    private OpenApiDocuments() {
    }

    /** The service's document as YAML, generated in-process (no HTTP, so no credentials and no port in it). */
    public static String generate(OpenApiResource resource) {
        try {
            byte[] yaml = resource.openapiYaml(new MockHttpServletRequest(), "/v3/api-docs", Locale.ROOT);
            return new String(yaml, StandardCharsets.UTF_8);
        }
        catch (Exception ex) {
            throw new IllegalStateException("springdoc could not generate the document", ex);
        }
    }

    /** Fails unless {@code committed} (relative to the module) holds exactly {@code generated}, or rewrites it. */
    public static void assertMatchesCommitted(String generated, String committed) {
        Path file = Path.of(committed);
        String document = "# Generated from the controllers by OpenApiDocumentIT; do not edit. Regenerate with\n"
                + "#   ./mvnw -pl <module> -am verify -Dtest=none -Dit.test=OpenApiDocumentIT -Dopenapi.write=true\n"
                + generated.stripTrailing() + "\n";
        try {
            if (Boolean.getBoolean(WRITE)) {
                Files.writeString(file, document);
                return;
            }
            String current = Files.exists(file) ? Files.readString(file) : "";
            assertThat(current).as("%s no longer matches the controllers; regenerate it with -D%s=true (see its "
                    + "first lines) and commit the result", file.toAbsolutePath(), WRITE).isEqualTo(document);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
