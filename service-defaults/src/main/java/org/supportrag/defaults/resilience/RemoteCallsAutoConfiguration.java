package org.supportrag.defaults.resilience;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.springboot.bulkhead.autoconfigure.BulkheadAutoConfiguration;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The guards of every remote call, on Resilience4j's registries (configured from {@code resilience4j.*}, with the
 * shared {@code remote} configurations in service-defaults.properties; metrics by its Micrometer binders).
 */
@AutoConfiguration(after = { CircuitBreakerAutoConfiguration.class, RetryAutoConfiguration.class,
        BulkheadAutoConfiguration.class })
public class RemoteCallsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RemoteCalls remoteCalls(CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
            BulkheadRegistry bulkheads) {
        return new RemoteCalls(circuitBreakers, retries, bulkheads);
    }
}
