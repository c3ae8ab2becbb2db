package org.supportrag.defaults.jdbc;

import javax.sql.DataSource;

import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** {@link DatabaseRetry} for the services that keep data, on Resilience4j's retry registry. */
@AutoConfiguration(after = RetryAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.transaction.support.TransactionSynchronizationManager")
public class DatabaseRetryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({ DataSource.class, RetryRegistry.class })
    DatabaseRetry databaseRetry(RetryRegistry retries) {
        return new DatabaseRetry(retries);
    }
}
