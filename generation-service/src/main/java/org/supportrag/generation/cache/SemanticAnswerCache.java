package org.supportrag.generation.cache;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.embedding.TextEmbedder;
import org.supportrag.generation.conversation.Citation;

/**
 * Reuses answers across conversations: an exact hit (same normalized question) or a semantic one (a reworded
 * question, judged by {@link QuestionMatcher}), always within one {@link CacheKey}. Either kind also needs this
 * turn's retrieval to still return every chunk the answer cites, which keeps out answers to questions that only
 * sound alike and answers over replaced documents. The cache is an optimization: a database problem is a miss,
 * never a failed turn.
 */
@Service
public class SemanticAnswerCache {

    /** Flag of a turn answered from the cache. */
    public static final String CACHE_HIT = "cache_hit";

    private static final Logger log = LoggerFactory.getLogger(SemanticAnswerCache.class);

    private final AnswerCacheRepository entries;
    private final QuestionEmbeddings embeddings;
    private final QuestionMatcher matcher;
    private final CacheProperties properties;
    private final MeterRegistry meters;
    private final Timer lookupTimer;

    SemanticAnswerCache(AnswerCacheRepository entries, TextEmbedder embedder, CacheProperties properties,
            MeterRegistry meters) {
        this.entries = entries;
        this.embeddings = new QuestionEmbeddings(embedder);
        this.matcher = new QuestionMatcher(properties.similarityThreshold(), properties.swapThreshold(),
                embeddings::similarity);
        this.properties = properties;
        this.meters = meters;
        this.lookupTimer = Timer.builder("rag.answer_cache.lookup")
            .description("Answer cache lookups, embedding and guard included")
            .register(meters);
    }

    public boolean enabled() {
        return properties.enabled();
    }

    /** A reusable answer to {@code question}, or empty; {@code hits} is this turn's retrieval result. */
    public Optional<CachedAnswer> lookup(CacheKey key, String question, List<SearchHit> hits) {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        return lookupTimer.record(() -> {
            try {
                return find(key, question, hits);
            }
            catch (DataAccessException ex) {
                log.warn("Answer cache lookup failed, answering without it: {}", ex.getMessage());
                count("error");
                return Optional.empty();
            }
        });
    }

    private Optional<CachedAnswer> find(CacheKey key, String question, List<SearchHit> hits) {
        Set<UUID> retrieved = hits.stream().map(SearchHit::chunkId).collect(Collectors.toSet());
        Optional<AnswerCacheRepository.Entry> exact = entries.exact(key, QuestionMatcher.normalize(question));
        if (exact.isPresent()) {
            if (stillRetrieved(exact.get(), retrieved)) {
                count("exact_hit");
                return Optional.of(hit(exact.get(), true));
            }
            count("stale");
            return Optional.empty();
        }
        for (AnswerCacheRepository.Entry entry : entries.nearest(key, embeddings.embed(question),
                properties.candidates())) {
            QuestionMatcher.Verdict verdict = matcher.match(entry.question(), question, entry.similarity());
            if (verdict == QuestionMatcher.Verdict.BELOW_THRESHOLD) {
                break; // nearest first: the rest are further away
            }
            if (verdict != QuestionMatcher.Verdict.HIT) {
                count("guarded_" + verdict.name().toLowerCase(java.util.Locale.ROOT));
                continue;
            }
            if (!stillRetrieved(entry, retrieved)) {
                count("guarded_citations_not_retrieved");
                continue;
            }
            count("semantic_hit");
            return Optional.of(hit(entry, false));
        }
        count("miss");
        return Optional.empty();
    }

    /**
     * Caches an answer when it is worth reusing: cited, confident and raised no flag (guardrail signals, low
     * confidence, fallbacks, escalation all make an answer specific to its turn or not good enough to repeat).
     * Returns whether it was stored.
     */
    public boolean offer(CacheKey key, Cacheable answer, List<String> flags, boolean escalated) {
        if (!properties.enabled() || escalated || !flags.isEmpty() || answer.citations().isEmpty()
                || answer.answer().isBlank() || answer.confidence() < properties.minConfidence()) {
            return false;
        }
        try {
            entries.put(key, QuestionMatcher.normalize(answer.question()), embeddings.embed(answer.question()),
                    answer, properties.ttl());
            return true;
        }
        catch (DataAccessException ex) {
            log.warn("Could not cache an answer: {}", ex.getMessage());
            return false;
        }
    }

    /** Counts a served hit. */
    public void served(CachedAnswer answer) {
        try {
            entries.recordHit(answer.id());
        }
        catch (DataAccessException ex) {
            log.debug("Could not count a cache hit: {}", ex.getMessage());
        }
    }

    /** Drops cached answers citing any of the documents; returns how many. */
    public int invalidate(String tenantId, String knowledgeBase, Collection<UUID> documentIds) {
        int dropped = entries.dropCiting(tenantId, knowledgeBase, documentIds);
        meters.counter("rag.answer_cache.invalidated").increment(dropped);
        return dropped;
    }

    @Scheduled(fixedDelayString = "${rag.generation.cache.purge-interval:PT10M}", initialDelayString = "PT1M")
    void purgeExpired() {
        try {
            int dropped = entries.dropExpired();
            if (dropped > 0) {
                log.info("Dropped {} expired cached answers", dropped);
            }
        }
        catch (DataAccessException ex) {
            log.warn("Purging expired cached answers failed: {}", ex.getMessage());
        }
    }

    private boolean stillRetrieved(AnswerCacheRepository.Entry entry, Set<UUID> retrieved) {
        return !properties.requireCitedChunks()
                || entry.citations().stream().allMatch(citation -> retrieved.contains(citation.chunkId()));
    }

    private static CachedAnswer hit(AnswerCacheRepository.Entry entry, boolean exact) {
        return new CachedAnswer(entry.id(), entry.text(), entry.citations(), entry.confidence(), entry.model(),
                entry.modelName(), entry.promptTokens(), entry.completionTokens(), entry.costUsd(), exact,
                exact ? 1 : entry.similarity());
    }

    private void count(String result) {
        meters.counter("rag.answer_cache.lookups", "result", result).increment();
    }
}
