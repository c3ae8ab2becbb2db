package org.supportrag.generation.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import org.supportrag.defaults.security.InternalTokenService;

/** Beans for the tests of {@link GenerationIT}. */
@TestConfiguration(proxyBeanMethods = false)
class GenerationTestConfiguration {

    /** The service under test over HTTP, on the port it runs on. */
    @Bean
    ServiceClient serviceClient(Environment environment, InternalTokenService tokens) {
        return new ServiceClient(() -> environment.getRequiredProperty("local.server.port", Integer.class), tokens);
    }
}
