package org.supportrag.retrieval.rewrite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.model.ChatModel;

import org.supportrag.contracts.retrieval.v1.ConversationTurn;

/**
 * Rewrites with the configured LLM (prompt {@code prompts/rewrite-query.st}). On an error, a timeout or an unusable
 * answer it falls back to the offline rewriter, so a search never fails because the LLM did.
 */
public final class ChatModelQueryRewriter implements QueryRewriter {

    private static final Logger log = LoggerFactory.getLogger(ChatModelQueryRewriter.class);

    static final String PROMPT = "prompts/rewrite-query.st";

    /** Longer answers are not a search query but an LLM talking. */
    static final int MAX_QUERY_LENGTH = 500;

    private final ChatModel chat;
    private final QueryRewriter fallback;
    private final Duration timeout;
    private final int maxTurns;
    private final String template;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    public ChatModelQueryRewriter(ChatModel chat, QueryRewriter fallback, Duration timeout, int maxTurns) {
        this.chat = chat;
        this.fallback = fallback;
        this.timeout = timeout;
        this.maxTurns = maxTurns;
        try (InputStream in = ChatModelQueryRewriter.class.getClassLoader().getResourceAsStream(PROMPT)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + PROMPT);
            }
            this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public String name() {
        return "llm";
    }

    @Override
    public String standalone(String question, List<ConversationTurn> history) {
        if (history.isEmpty()) {
            return question;
        }
        String prompt = prompt(question, history);
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> chat.call(prompt), calls);
        try {
            String rewritten = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String query = rewritten == null ? "" : rewritten.strip().replaceAll("^\"|\"$", "");
            if (query.isEmpty() || query.length() > MAX_QUERY_LENGTH) {
                log.warn("LLM query rewrite gave an unusable answer; using the offline rewrite");
                return fallback.standalone(question, history);
            }
            return query;
        }
        catch (TimeoutException | ExecutionException ex) {
            answer.cancel(true);
            log.warn("LLM query rewrite failed ({}); using the offline rewrite", ex.getClass().getSimpleName());
            return fallback.standalone(question, history);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return fallback.standalone(question, history);
        }
    }

    String prompt(String question, List<ConversationTurn> history) {
        StringBuilder turns = new StringBuilder();
        for (ConversationTurn turn : history.subList(Math.max(0, history.size() - maxTurns), history.size())) {
            turns.append(turn.fromUser() ? "Customer: " : "Assistant: ").append(turn.text().strip()).append('\n');
        }
        return template.replace("<history>", turns.toString().strip()).replace("<question>", question.strip());
    }
}
