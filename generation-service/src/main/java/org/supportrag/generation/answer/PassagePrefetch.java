package org.supportrag.generation.answer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.generation.confidence.CachingEmbedder;

/**
 * Embeds, in the background, the sentences the offline answerer would embed for the contexts that models answered,
 * into the shared passage cache ({@link CachingEmbedder}). While the models answer, nothing else needs those
 * vectors; when they all fail at once (an outage, an open breaker) every turn falls back to the offline answerer, and
 * without them each one embeds 20-30 sentences on the one inference thread: the customers queued 8-12 s for their
 * first token for half a minute (Round 13 of docs/benchmarks.md). A few sentences at a time with a pause between, so
 * a turn's own question waits at most for one such batch; a bounded queue that drops what does not fit; a sentence
 * already cached or queued is not queued again, and a chunk offered in the last ten minutes is not split into
 * sentences again (most turns' chunks were, so the turn itself pays a few lookups).
 */
public final class PassagePrefetch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PassagePrefetch.class);

    /** Sentences per inference: a few milliseconds each, so a question arriving meanwhile waits little. */
    static final int BATCH = 4;

    private final TextEmbedder embedder;
    private final CachingEmbedder cache;
    private final BlockingQueue<String> queue;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    // Chunk id and text: a re-indexed chunk under the same id is offered again.
    private final Cache<String, Boolean> offeredChunks = Caffeine.newBuilder()
        .maximumSize(10_000)
        .expireAfterWrite(Duration.ofMinutes(10))
        .build();
    private final long pauseNanos;
    private final AtomicLong embedded = new AtomicLong();
    private final Thread worker;
    private volatile boolean closed;

    /**
     * @param cache    the passage cache the offline answerer reads
     * @param capacity most sentences waiting; the rest are dropped (the answerer embeds them if it ever needs them)
     * @param pause    the rest between two batches
     */
    public PassagePrefetch(CachingEmbedder cache, int capacity, Duration pause) {
        this.embedder = cache;
        this.cache = cache;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
        this.pauseNanos = pause.toNanos();
        this.worker = Thread.ofPlatform().name("passage-prefetch").daemon(true).unstarted(this::drain);
        this.worker.start();
    }

    /** The chunks of {@code context} not offered recently, now marked as offered. */
    List<SearchHit> unoffered(List<SearchHit> context) {
        List<SearchHit> fresh = new ArrayList<>(context.size());
        for (SearchHit hit : context) {
            if (offeredChunks.asMap().putIfAbsent(hit.chunkId() + ":" + hit.text().hashCode(), Boolean.TRUE) == null) {
                fresh.add(hit);
            }
        }
        return fresh;
    }

    /** Queues the sentences not cached yet; never blocks. */
    void offer(List<String> passages) {
        if (closed) {
            return;
        }
        for (String passage : passages) {
            if (cache.holds(passage) || !pending.add(passage)) {
                continue;
            }
            if (!queue.offer(passage)) {
                pending.remove(passage);
                return;
            }
        }
    }

    /** Sentences embedded so far (for tests and the log). */
    long embedded() {
        return embedded.get();
    }

    private void drain() {
        List<String> batch = new ArrayList<>(BATCH);
        while (!closed) {
            try {
                @Nullable String first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                embedder.embedDocuments(batch);
                embedded.addAndGet(batch.size());
                if (pauseNanos > 0) {
                    TimeUnit.NANOSECONDS.sleep(pauseNanos);
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (RuntimeException ex) {
                // Only a head start is lost: the answerer embeds what it needs itself.
                log.debug("Passage prefetch failed: {}", ex.toString());
            }
            finally {
                batch.forEach(pending::remove);
                batch.clear();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        queue.clear();
    }
}
