package org.supportrag.generation.cache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
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
        this.embeddings.monitor(meters);
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
        return lookup(candidates(key, question), hits);
    }

    /**
     * The first half of a lookup, which needs the question only, so a turn runs it while retrieval searches: the
     * exact entry or, without one, the question's embedding, the nearest entries and their verdicts up to the first
     * hit (later ones are judged by {@link #lookup(Candidates, List)} only when it needs them, as before).
     */
    public Candidates candidates(CacheKey key, String question) {
        if (!properties.enabled()) {
            return Candidates.NONE;
        }
        return lookupTimer.record(() -> {
            try {
                Optional<AnswerCacheRepository.Entry> exact = entries.exact(key, QuestionMatcher.normalize(question));
                if (exact.isPresent()) {
                    return new Candidates(question, exact.get(), null, List.of(), false);
                }
                float[] embedding = embeddings.embed(question);
                Candidates found = new Candidates(question, null, embedding,
                        entries.nearest(key, embedding, properties.candidates()), false);
                for (int i = 0; i < found.nearest.size(); i++) {
                    QuestionMatcher.Verdict verdict = found.verdict(matcher, i);
                    if (verdict == QuestionMatcher.Verdict.HIT || verdict == QuestionMatcher.Verdict.BELOW_THRESHOLD) {
                        break;
                    }
                }
                return found;
            }
            catch (DataAccessException ex) {
                log.warn("Answer cache lookup failed, answering without it: {}", ex.getMessage());
                return new Candidates(question, null, null, List.of(), true);
            }
        });
    }

    /** The second half: the first candidate whose cited chunks this turn's retrieval ({@code hits}) still returns. */
    public Optional<CachedAnswer> lookup(Candidates found, List<SearchHit> hits) {
        if (found == Candidates.NONE) {
            return Optional.empty();
        }
        if (found.failed) {
            count("error");
            return Optional.empty();
        }
        Set<UUID> retrieved = hits.stream().map(SearchHit::chunkId).collect(Collectors.toSet());
        if (found.exact != null) {
            if (stillRetrieved(found.exact, retrieved)) {
                count("exact_hit");
                return Optional.of(hit(found.exact, true));
            }
            count("stale");
            return Optional.empty();
        }
        for (int i = 0; i < found.nearest.size(); i++) {
            AnswerCacheRepository.Entry entry = found.nearest.get(i);
            QuestionMatcher.Verdict verdict = found.verdict(matcher, i);
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
     * What {@link #candidates} found for one question. The embedding it took, if any, is the one
     * {@link #offer(CacheKey, Cacheable, List, boolean, Candidates)} stores, so a missed question is embedded once.
     */
    public static final class Candidates {

        /** No lookup: caching is off, or the turn takes no part in it. */
        public static final Candidates NONE = new Candidates("", null, null, List.of(), false);

        private final String question;
        private final AnswerCacheRepository.@Nullable Entry exact;
        private final float @Nullable [] embedding;
        private final List<AnswerCacheRepository.Entry> nearest;
        private final List<QuestionMatcher.Verdict> verdicts = new ArrayList<>();
        private final boolean failed;

        private Candidates(String question, AnswerCacheRepository.@Nullable Entry exact, float @Nullable [] embedding,
                List<AnswerCacheRepository.Entry> nearest, boolean failed) {
            this.question = question;
            this.exact = exact;
            this.embedding = embedding;
            this.nearest = nearest;
            this.failed = failed;
        }

        /** The i-th nearest entry's verdict, judged once (judging may embed the words two questions swapped). */
        private QuestionMatcher.Verdict verdict(QuestionMatcher matcher, int i) {
            while (verdicts.size() <= i) {
                AnswerCacheRepository.Entry entry = nearest.get(verdicts.size());
                verdicts.add(matcher.match(entry.question(), question, entry.similarity()));
            }
            return verdicts.get(i);
        }

        /** The question's embedding if the lookup took one for {@code text}. */
        float @Nullable [] embeddingOf(String text) {
            return embedding != null && question.equals(text) ? embedding : null;
        }
    }

    /**
     * Caches an answer when it is worth reusing: cited, confident and raised no flag (guardrail signals, low
     * confidence, fallbacks, escalation all make an answer specific to its turn or not good enough to repeat).
     * Returns whether it was stored.
     */
    public boolean offer(CacheKey key, Cacheable answer, List<String> flags, boolean escalated) {
        return offer(key, answer, flags, escalated, Candidates.NONE);
    }

    /** As above, storing the question's embedding that the turn's lookup took, when it took one. */
    public boolean offer(CacheKey key, Cacheable answer, List<String> flags, boolean escalated, Candidates lookedUp) {
        if (!properties.enabled() || escalated || !flags.isEmpty() || answer.citations().isEmpty()
                || answer.answer().isBlank() || answer.confidence() < properties.minConfidence()) {
            return false;
        }
        try {
            float[] known = lookedUp.embeddingOf(answer.question());
            entries.put(key, QuestionMatcher.normalize(answer.question()),
                    known != null ? known : embeddings.embed(answer.question()), answer, properties.ttl());
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
