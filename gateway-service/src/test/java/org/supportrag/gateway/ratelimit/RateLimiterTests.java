package org.supportrag.gateway.ratelimit;

import java.sql.SQLException;

import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTests {

    @Test
    void aMissingBucketIsRecognisedWhenABatchHandsItOnWrapped() {
        // What the other requests of a delayed batch get when the batch's command finds no bucket.
        RuntimeException batchFailed = new RuntimeException(new BucketNotFoundException());

        assertThat(RateLimiter.bucketNotFound(new BucketNotFoundException())).isTrue();
        assertThat(RateLimiter.bucketNotFound(batchFailed)).isTrue();
        assertThat(RateLimiter.bucketNotFound(new IllegalStateException(batchFailed))).isTrue();
    }

    @Test
    void otherStoreFailuresAreNotTakenForAMissingBucket() {
        assertThat(RateLimiter.bucketNotFound(new RuntimeException(new SQLException("connection refused")))).isFalse();
        assertThat(RateLimiter.bucketNotFound(new IllegalStateException())).isFalse();
    }
}
