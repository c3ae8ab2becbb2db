package org.supportrag.gateway.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestSecrets;
import org.supportrag.gateway.SharedBackends;

/**
 * A gateway on a random port against the test database and the shared {@link SharedBackends}, with tracing on (so
 * trace ids can be asserted). Settings of a test class go in {@code @TestPropertySource}; classes with the same
 * settings share one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET)
@AutoConfigureTracing
@Import(PostgresTestConfiguration.class)
@ContextConfiguration(initializers = SharedBackends.Initializer.class)
@ExtendWith(SharedBackends.Reset.class)
public @interface GatewayIT {
}
