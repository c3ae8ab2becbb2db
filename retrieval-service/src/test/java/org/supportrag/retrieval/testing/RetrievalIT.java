package org.supportrag.retrieval.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestSecrets;

/**
 * A retrieval service on a random port against the test database. The periodic planner-statistics refresh is off:
 * tests that need it call it themselves, and a timer in another cached context must not analyze under them. The
 * start-up search warm-ups are off too (SearchIT runs them itself). Settings
 * of a test class go in {@code @TestPropertySource}; classes with the same settings share one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
                "rag.retrieval.statistics.interval=0", "rag.retrieval.warm-up.searches=0",
                "rag.retrieval.warm-up.http-searches=0" })
@Import(PostgresTestConfiguration.class)
public @interface RetrievalIT {
}
