package org.supportrag.generation.chat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.cache.CacheKey;
import org.supportrag.generation.cache.Cacheable;
import org.supportrag.generation.cache.CachedAnswer;
import org.supportrag.generation.cache.SemanticAnswerCache;
import org.supportrag.generation.conversation.ConversationRepository;
import org.supportrag.generation.conversation.StoredAnswer;
import org.supportrag.generation.crm.CustomerContext;
import org.supportrag.generation.escalation.Handover;
import org.supportrag.generation.guardrail.InputVerdict;
import org.supportrag.generation.interactionlog.Interaction;
import org.supportrag.generation.interactionlog.InteractionLog;
import org.supportrag.generation.prompt.ResolvedPrompts;
import org.supportrag.generation.usage.UsageLedger;

/**
 * Stage 3, cache: reuses a stored answer to the same question over the same chunks (streamed like a fresh one,
 * flagged {@code cache_hit}, costing no tokens), and offers fresh answers to the cache. Only standalone (first-turn)
 * questions take part, since a follow-up's meaning depends on its history; never answers that may use a customer's
 * CRM data.
 */
@Component
@RequiredArgsConstructor
class CacheStage {

    static final String NAME = "cache";

    private static final Logger log = LoggerFactory.getLogger(CacheStage.class);

    private final SemanticAnswerCache cache;
    private final CustomerContext customers;
    private final Handover handover;
    private final ConversationRepository conversations;
    private final UsageLedger usage;
    private final InteractionLog interactions;
    private final StageObserver observer;

    /** The turn's cache key; null when the turn takes no part in caching. */
    @Nullable CacheKey key(Turn turn, @Nullable ResolvedPrompts resolved) {
        // Evaluation runs measure the pipeline, never the cache.
        return turn.history().isEmpty() && turn.evaluation() == null && cache.enabled() && !customers.personalizes(turn.caller())
                ? CacheKey.of(turn.caller().tenantId(), turn.knowledgeBase(), turn.caller().groups(),
                        resolved == null ? null : resolved.uses())
                : null;
    }

    /**
     * The first half of the lookup ({@link SemanticAnswerCache#candidates}), which needs the question only, so the
     * turn runs it while retrieval searches; {@link SemanticAnswerCache.Candidates} none without a key.
     */
    SemanticAnswerCache.Candidates candidates(@Nullable CacheKey key, InputVerdict input) {
        return key == null ? SemanticAnswerCache.Candidates.NONE : cache.candidates(key, input.question());
    }

    /**
     * A cached answer the tenant's current thresholds would give as is; empty when there is none (or no key). Its
     * candidates were found while retrieval searched, so the stage's time is the check against this turn's chunks.
     */
    Optional<CachedAnswer> lookup(@Nullable CacheKey key, SemanticAnswerCache.Candidates candidates,
            InputVerdict input, List<SearchHit> hits) {
        if (key == null) {
            return Optional.empty();
        }
        return observer.observe(NAME, context -> {
            Optional<CachedAnswer> cached = cache.lookup(candidates, hits)
                .filter(found -> handover.answersAsIs(input.policy(), found.confidence()));
            context.outcome(cached.isPresent() ? "hit" : "miss");
            return cached;
        });
    }

    /**
     * Streams a cached answer like a fresh one, flagged {@code cache_hit}; it costs no tokens. The usage ledger
     * records what the hit saved and the interaction log the turn.
     */
    void serve(Turn turn, CachedAnswer cached, @Nullable ResolvedPrompts resolved, RetrieveStage.Retrieved retrieved,
            long startedNanos, ChatEvents events) {
        String tenant = turn.caller().tenantId();
        events.token(cached.text());
        cached.citations().forEach(events::citation);
        List<String> flags = List.of(SemanticAnswerCache.CACHE_HIT);
        conversations.addAnswer(new StoredAnswer(turn.answerId(), turn.conversationId(), tenant, cached.text(),
                cached.citations(), flags, cached.confidence(), cached.model(), 0, 0,
                RecordStage.emptyToNull(turn.traceId()), resolved == null ? null : resolved.uses()));
        cache.served(cached);
        try {
            if (cached.modelName() != null) {
                usage.recordCacheHit(tenant, turn.conversationId(), turn.answerId(), cached.modelName(),
                        cached.promptTokens(), cached.completionTokens());
            }
            Map<String, Long> latency = new LinkedHashMap<>();
            latency.put("retrievalMs", retrieved.millis());
            latency.put("totalMs", (System.nanoTime() - startedNanos) / 1_000_000);
            interactions.record(new Interaction(tenant, turn.conversationId(), turn.answerId(), turn.question(),
                    retrieved.hits(), resolved == null ? null : resolved.uses(), cached.model(), List.of(),
                    cached.text(), cached.citations(), cached.confidence(), flags, false, latency, BigDecimal.ZERO,
                    RecordStage.emptyToNull(turn.traceId())));
        }
        catch (RuntimeException ex) {
            // The customer's answer is stored already; lost bookkeeping must not turn it into an error.
            log.warn("Cache-hit bookkeeping failed in conversation {}: {}", turn.conversationId(), ex.toString());
        }
        events.done(new ChatPayloads.Done(cached.confidence(), false, flags, cached.model(),
                new ChatPayloads.Usage(0, 0, 0)));
    }

    /** Offers a fresh answer; the cache keeps only confident, unflagged ones. */
    void offer(@Nullable CacheKey key, Cacheable answer, List<String> storedFlags, boolean escalated,
            SemanticAnswerCache.Candidates lookedUp) {
        if (key != null) {
            cache.offer(key, answer, storedFlags, escalated, lookedUp);
        }
    }
}
