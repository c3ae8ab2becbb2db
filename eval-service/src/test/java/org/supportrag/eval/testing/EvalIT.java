package org.supportrag.eval.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestSecrets;

/**
 * An eval service on a random port against the test database and the shared {@link Peers}, its scheduled jobs
 * (drift, online scoring, review sampling) off so that tests run them when they choose. Settings of a test class
 * go in {@code @TestPropertySource}; classes with the same settings share one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
                "rag.eval.drift.enabled=false", "rag.eval.online.enabled=false", "rag.eval.review.enabled=false",
                "rag.eval.review.sample-rate=0.5", "rag.eval.online.sample-rate=1" })
@Import(PostgresTestConfiguration.class)
@ContextConfiguration(initializers = Peers.Initializer.class)
public @interface EvalIT {
}
