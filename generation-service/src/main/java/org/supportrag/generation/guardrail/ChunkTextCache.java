package org.supportrag.generation.guardrail;

import java.util.Base64;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.apache.commons.codec.digest.DigestUtils;
import org.jspecify.annotations.Nullable;

/**
 * What a guardrail derives from a retrieved chunk's text alone (its indirect-injection verdict, the personal data and
 * identifiers in it, a ticket chunk's scrubbed text), kept by a digest of the text (bounded, Caffeine). The same help-center chunks come back turn
 * after turn, and deriving it again costs milliseconds of CPU each on the way to the first token: under the load of
 * {@code make faults} the injection screening of retrieved chunks alone was about half of generation's CPU. A changed
 * chunk has another digest, so it is derived again. Only for retrieved texts, never a customer's own words (they
 * would stay in memory). Exported as {@code cache.*} metrics with the cache's name.
 */
public final class ChunkTextCache<T> {

    private final Function<String, T> derive;
    private final @Nullable Cache<String, T> derived;
    private final String name;

    /** @param maximumSize texts kept; 0 derives every time */
    public ChunkTextCache(String name, int maximumSize, Function<String, T> derive) {
        this.name = name;
        this.derive = derive;
        this.derived = maximumSize == 0 ? null : Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
    }

    public T get(String text) {
        if (derived == null || text.isBlank()) {
            return derive.apply(text);
        }
        return derived.get(digest(text), key -> derive.apply(text));
    }

    public void monitor(MeterRegistry meters) {
        if (derived != null) {
            CaffeineCacheMetrics.monitor(meters, derived, name);
        }
    }

    /** SHA-256, so the cache holds 44 characters per text instead of the text. */
    private static String digest(String text) {
        return Base64.getEncoder().encodeToString(DigestUtils.sha256(text));
    }
}
