package org.supportrag.gateway.ratelimit;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.supportrag.gateway.testing.GatewayIT;

import static org.assertj.core.api.Assertions.assertThat;

/** Buckets in the real table: they get an expiry when written, and the sweeper deletes only expired ones. */
@GatewayIT
class ExpiredBucketSweeperIT {

    @Autowired
    RateLimiter rateLimiter;

    @Autowired
    ExpiredBucketSweeper sweeper;

    @Autowired
    JdbcClient jdbc;

    @Test
    void givesEveryWrittenBucketAnExpiryAfterItWouldHaveRefilled() {
        String tenant = "sweep-" + UUID.randomUUID();
        long before = System.currentTimeMillis();

        rateLimiter.check(new RateLimitRequest(tenant, null, "192.0.2.7", null));

        Long expiresAt = jdbc.sql("SELECT max(expires_at) FROM rate_limit_buckets WHERE id LIKE :pattern")
            .param("pattern", "%:" + tenant + ":%")
            .query(Long.class)
            .single();
        assertThat(expiresAt).isNotNull().isGreaterThan(before);
    }

    @Test
    void deletesExpiredBucketsAndKeepsLiveOnes() {
        String expired = "ip:sweep:" + UUID.randomUUID();
        String live = "ip:sweep:" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        insertBucket(expired, now - 60_000);
        insertBucket(live, now + 600_000);

        sweeper.sweep();

        assertThat(exists(expired)).isFalse();
        assertThat(exists(live)).isTrue();
    }

    private void insertBucket(String id, long expiresAt) {
        jdbc.sql("INSERT INTO rate_limit_buckets (id, state, expires_at) VALUES (:id, '\\x00'::bytea, :expiresAt)")
            .param("id", id)
            .param("expiresAt", expiresAt)
            .update();
    }

    private boolean exists(String id) {
        return jdbc.sql("SELECT count(*) FROM rate_limit_buckets WHERE id = :id").param("id", id).query(Long.class).single() > 0;
    }
}
