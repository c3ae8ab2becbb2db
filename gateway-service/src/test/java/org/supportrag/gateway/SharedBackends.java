package org.supportrag.gateway;

import java.util.HashMap;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * The backend services behind the gateway, started once per JVM and shared by every
 * {@link org.supportrag.gateway.testing.GatewayIT} context. One initializer sets the same values each time, so
 * Spring's context cache reuses a context across test classes; each test starts from reset backends.
 */
public final class SharedBackends {

    static final FakeBackend INGESTION = FakeBackend.start();
    static final FakeBackend GENERATION = FakeBackend.start();
    static final FakeBackend RETRIEVAL = FakeBackend.start();
    static final FakeBackend EVAL = FakeBackend.start();
    /** An identity provider for console tokens: its issuer, signing key and JWKS on a real port. */
    static final String ISSUER = "https://idp.example.test";
    static final RSAKey IDP_KEY = TestJwts.newRsaKey();
    static final TestJwts.JwksServer JWKS = new TestJwts.JwksServer(IDP_KEY);

    private SharedBackends() {
    }

    /**
     * Points the gateway at the shared backends and identity provider, and the admin-API schema with limits no test
     * reaches by accident (an hour-long period, so buckets do not refill during a test).
     */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Map<String, Object> properties = new HashMap<>();
            for (String property : AdminApiFixture.PROPERTIES) {
                String[] pair = property.split("=", 2);
                properties.put(pair[0], pair[1]);
            }
            properties.put("rag.gateway.ingestion-url", INGESTION.url());
            properties.put("rag.gateway.generation-url", GENERATION.url());
            properties.put("rag.gateway.retrieval-url", RETRIEVAL.url());
            properties.put("rag.gateway.eval-url", EVAL.url());
            properties.put("rag.gateway.oidc.issuer-uri", ISSUER);
            properties.put("rag.gateway.oidc.audience", "console");
            properties.put("rag.gateway.oidc.jwk-set-uri", JWKS.url());
            // Right below a test class's own properties, so those still win, and above application.yml.
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            MapPropertySource shared = new MapPropertySource("shared-backends", properties);
            String inlined = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;
            if (sources.contains(inlined)) {
                sources.addAfter(inlined, shared);
            }
            else {
                sources.addFirst(shared);
            }
        }
    }

    /** Before each test: backends as new. */
    public static final class Reset implements BeforeEachCallback {

        @Override
        public void beforeEach(ExtensionContext context) {
            INGESTION.reset();
            GENERATION.reset();
            RETRIEVAL.reset();
            EVAL.reset();
        }
    }
}
