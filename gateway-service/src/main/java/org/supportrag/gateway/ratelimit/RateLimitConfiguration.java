package org.supportrag.gateway.ratelimit;

import java.time.Duration;

import javax.sql.DataSource;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RateLimitConfiguration {

    /** Table created by Flyway (V2__rate_limits.sql), never by Bucket4j; unqualified: the pool's schema is gateway. */
    static final String BUCKET_TABLE = "rate_limit_buckets";

    /** Row locks, not advisory locks: bucket ids are strings, and a row lock ends with its transaction. */
    @Bean
    PostgreSQLSelectForUpdateBasedProxyManager<String> rateLimitBuckets(DataSource dataSource) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table(BUCKET_TABLE)
            // A full bucket carries no information: let it expire shortly after it has refilled.
            .expirationAfterWrite(
                    ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(30)))
            .build();
    }
}
