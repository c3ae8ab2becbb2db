package org.supportrag.retrieval.rewrite;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import org.supportrag.contracts.retrieval.v1.ConversationTurn;
import org.supportrag.defaults.resilience.RemoteCall;

/**
 * Rewrites with an LLM (prompt {@link RewritePrompt}). On an error, a timeout or an unusable answer it falls back to
 * the offline rewriter and says so ({@link Rewritten#fellBack()}), so a search never fails because the LLM did. A
 * question without history is searched as asked, without a call. Logs never contain conversation text.
 */
final class ChatModelQueryRewriter implements QueryRewriter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatModelQueryRewriter.class);

    /** Longer answers are not a search query but an LLM talking. */
    static final int MAX_QUERY_LENGTH = 500;

    /** An entity counts as mentioned by a turn that covers this share of its term weight. */
    static final double MENTIONED = 0.99;

    /** At most this many of the knowledge base's names go into the prompt. */
    static final int MAX_NAMES = 8;

    /**
     * Only the current observation follows the call onto its thread, so the model call is a child span of the
     * rewrite stage; the caller's security context does not (nothing may mint internal tokens for a provider).
     */
    private static final ContextSnapshotFactory TRACE_ONLY = ContextSnapshotFactory.builder()
        .captureKeyPredicate(ObservationThreadLocalAccessor.KEY::equals)
        .build();

    private final ChatModel chat;
    /** Open while the model keeps failing: searches go straight to the offline rewrite. */
    private final RemoteCall guard;
    private final QueryRewriter fallback;
    private final Duration timeout;
    private final RewritePrompt prompt;
    private final int maxTurns;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param chat     the model; its HTTP client must time out by itself too, a timed-out call is only interrupted
     * @param fallback answers when the model does not
     * @param timeout  how long a search waits for the model
     * @param maxTurns the last turns of the history that go into the prompt
     * @param guard    the model call's guard (never retried: the offline rewrite is the fallback)
     */
    public ChatModelQueryRewriter(ChatModel chat, QueryRewriter fallback, Duration timeout, int maxTurns,
            RemoteCall guard) {
        this.chat = chat;
        this.guard = guard;
        this.fallback = fallback;
        this.timeout = timeout;
        this.prompt = new RewritePrompt(maxTurns);
        this.maxTurns = maxTurns;
    }

    @Override
    public String name() {
        return "llm";
    }

    @Override
    public Rewritten rewrite(String question, List<ConversationTurn> history, KnowledgeBaseEntities entities) {
        if (history.isEmpty()) {
            return new Rewritten(question, false);
        }
        Prompt request = prompt.create(question, history, named(history, entities, maxTurns));
        Future<@Nullable String> answer = calls.submit(TRACE_ONLY.captureAll().wrap(() -> text(guard.call(() -> chat.call(request)))));
        try {
            String query = usable(answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            if (query == null) {
                log.warn("LLM query rewrite gave an unusable answer; using the offline rewrite");
                return fallBack(question, history, entities);
            }
            return new Rewritten(query, false);
        }
        catch (TimeoutException ex) {
            answer.cancel(true);
            log.warn("LLM query rewrite took longer than {}; using the offline rewrite", timeout);
            return fallBack(question, history, entities);
        }
        catch (ExecutionException ex) {
            log.warn("LLM query rewrite failed ({}); using the offline rewrite",
                    (ex.getCause() == null ? ex : ex.getCause()).getClass().getSimpleName());
            return fallBack(question, history, entities);
        }
        catch (InterruptedException ex) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return fallBack(question, history, entities);
        }
    }

    /** The exchange is picked without a model: the leg must not wait for a second call. */
    @Override
    public String conversational(String question, List<ConversationTurn> history, KnowledgeBaseEntities entities) {
        return fallback.conversational(question, history, entities);
    }

    private Rewritten fallBack(String question, List<ConversationTurn> history, KnowledgeBaseEntities entities) {
        return new Rewritten(fallback.rewrite(question, history, entities).query(), true);
    }

    /** The knowledge base's names the conversation mentions, most recent first: the prompt asks to keep them. */
    static List<String> named(List<ConversationTurn> history, KnowledgeBaseEntities entities, int maxTurns) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        List<ConversationTurn> recent = history.subList(Math.max(0, history.size() - maxTurns), history.size());
        for (int i = recent.size() - 1; i >= 0 && names.size() < MAX_NAMES; i--) {
            for (KnowledgeBaseEntities.Entity entity : entities.mentionedIn(recent.get(i).text(),
                    MENTIONED)) {
                if (names.size() < MAX_NAMES) {
                    names.add(entity.text());
                }
            }
        }
        return List.copyOf(names);
    }

    private static @Nullable String text(@Nullable ChatResponse response) {
        return response == null || response.getResult() == null ? null : response.getResult().getOutput().getText();
    }

    /** The answer as a query: trimmed, without surrounding quotes; null when empty or too long. */
    static @Nullable String usable(@Nullable String answer) {
        String query = answer == null ? "" : answer.strip().replaceAll("^\"|\"$", "").strip();
        return query.isEmpty() || query.length() > MAX_QUERY_LENGTH ? null : query;
    }

    /** Stops calls still running when the application shuts down. */
    @Override
    public void close() {
        calls.shutdownNow();
    }
}
