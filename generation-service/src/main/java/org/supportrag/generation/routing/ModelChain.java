package org.supportrag.generation.routing;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.supportrag.defaults.embedding.TokenCounter;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.answer.Answer;
import org.supportrag.generation.answer.AnswerFlags;
import org.supportrag.generation.answer.AnswerStream;
import org.supportrag.generation.answer.Answerer;
import org.supportrag.generation.answer.ExtractiveAnswerer;
import org.supportrag.generation.answer.ModelCallFailedException;
import org.supportrag.generation.answer.Question;
import org.supportrag.generation.budget.BudgetService;
import org.supportrag.generation.budget.BudgetStatus;
import org.supportrag.generation.model.LlmModel;
import org.supportrag.generation.model.ModelRegistry;
import org.supportrag.generation.usage.Costs;
import org.supportrag.generation.usage.GenAiMetrics;
import org.supportrag.generation.usage.UsageItem;
import org.supportrag.generation.usage.UsageLedger;
import org.supportrag.generation.usage.UsageProperties;

/**
 * Answers a turn with the routed chain of models: the routing rules (budget, tenant tier, question complexity) pick
 * the first model, then every cheaper one follows, then the extractive answerer, then escalation. Each call goes
 * through the model's circuit breaker and bulkhead; failures before the first token are retried (with backoff) when
 * retryable. A stream that breaks mid-answer is completed by the next link of the chain after a short bridge, so
 * the customer always reads a whole answer or a clear hand-over to a person.
 */
public final class ModelChain implements Answerer {

    private static final Logger log = LoggerFactory.getLogger(ModelChain.class);

    public static final String BUDGET_EXHAUSTED = "budget_exhausted";
    static final String REPEAT_BRIDGE = "\n\n(Sorry, that answer was interrupted. Here is the complete answer:)\n\n";
    static final String ESCALATION = "I'm sorry, I can't answer that right now. I've passed your question to our "
            + "support team, and a person will reply here.";
    static final String REFUSAL = "I'm sorry, this assistant has reached its usage limit for now. Please try again "
            + "later, or contact our support team.";
    static final String EMBEDDING_MODEL = "query-embedding";
    static final String RERANK_MODEL = "rerank";
    private static final Pattern WORD = Pattern.compile("\\S+");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?]\\s+\\S");

    private final ModelRegistry models;
    private final ExtractiveAnswerer extractive;
    private final BudgetService budgets;
    private final UsageLedger ledger;
    private final GenAiMetrics metrics;
    private final TokenCounter tokens;
    private final RoutingProperties routing;
    private final UsageProperties prices;
    private final Map<String, Guards> guards = new LinkedHashMap<>();

    /** The resilience guards of one model. */
    record Guards(CircuitBreaker circuitBreaker, Retry retry, Bulkhead bulkhead) {
    }

    ModelChain(ModelRegistry models, ExtractiveAnswerer extractive, BudgetService budgets, UsageLedger ledger,
            GenAiMetrics metrics, TokenCounter tokens, RoutingProperties routing, UsageProperties prices,
            CircuitBreakerRegistry circuitBreakers, RetryRegistry retries, BulkheadRegistry bulkheads) {
        this.models = models;
        this.extractive = extractive;
        this.budgets = budgets;
        this.ledger = ledger;
        this.metrics = metrics;
        this.tokens = tokens;
        this.routing = routing;
        this.prices = prices;
        for (LlmModel model : models.all()) {
            String name = "llm-" + model.name();
            CircuitBreaker breaker = circuitBreakers.find(name)
                .orElseGet(() -> circuitBreakers.getConfiguration(routing.circuitBreaker()).isPresent()
                        ? circuitBreakers.circuitBreaker(name, routing.circuitBreaker())
                        : circuitBreakers.circuitBreaker(name));
            Retry retry = retries.find(name)
                .orElseGet(() -> retries.getConfiguration(routing.retry()).isPresent()
                        ? retries.retry(name, routing.retry()) : retries.retry(name));
            Bulkhead bulkhead = bulkheads.find(name)
                .orElseGet(() -> bulkheads.getConfiguration(routing.bulkhead()).isPresent()
                        ? bulkheads.bulkhead(name, routing.bulkhead()) : bulkheads.bulkhead(name));
            guards.put(model.name(), new Guards(breaker, retry, bulkhead));
        }
    }

    /** The circuit breaker of a configured model, for health reports and tests. */
    public @Nullable CircuitBreaker circuitBreaker(String model) {
        Guards modelGuards = guards.get(model);
        return modelGuards == null ? null : modelGuards.circuitBreaker();
    }

    @Override
    public boolean usesPrompts() {
        return !models.isEmpty();
    }

    /** Without a tenant: no budget check and no usage records. */
    @Override
    public Answer answer(Question question, AnswerStream stream) {
        return answer(TurnContext.NONE, question, stream).answer();
    }

    public TurnOutcome answer(TurnContext turn, Question question, AnswerStream target) {
        return answer(turn, question, target, AnswerCheck.NONE);
    }

    /**
     * Like {@link #answer(TurnContext, Question, AnswerStream)}; each model's answer must pass {@code check}, or the
     * next model answers (an answer that failed is never shown; attempt {@code <model>:rejected}).
     */
    public TurnOutcome answer(TurnContext turn, Question question, AnswerStream target, AnswerCheck check) {
        long started = System.nanoTime();
        ChainStream stream = new ChainStream(target, started);
        List<UsageItem> usage = new ArrayList<>(retrievalUsage(question));
        List<String> attempts = new ArrayList<>();
        BudgetStatus budget = turn.tenantId() == null ? BudgetStatus.unlimited("standard")
                : budgets.status(turn.tenantId());
        Outcome outcome;
        if (models.isEmpty() || question.context().isEmpty()) {
            // Offline, or nothing to ground an answer on (an LLM could only guess, so do not pay for one).
            outcome = new Outcome(extractive.answer(question, stream), null, null, false);
        }
        else if (budget.isExhausted() && budget.onExhausted() == org.supportrag.generation.budget.Budget.OnExhausted.REFUSE) {
            stream.token(REFUSAL);
            outcome = new Outcome(new Answer(REFUSAL, 0, "none", 0, 0, 0, List.of(BUDGET_EXHAUSTED)), null, null,
                    false);
        }
        else {
            outcome = runChain(plan(budget, question), question, stream, usage, attempts, check);
            if (budget.isExhausted()) {
                outcome = outcome.withFlag(BUDGET_EXHAUSTED);
            }
        }
        BigDecimal cost = Costs.spent(usage);
        List<UsageItem> chat = usage.stream().filter(item -> item.operation() == UsageItem.Operation.CHAT).toList();
        int promptTokens = chat.isEmpty() ? outcome.answer().promptTokens()
                : chat.stream().mapToInt(UsageItem::promptTokens).sum();
        int completionTokens = chat.isEmpty() ? outcome.answer().completionTokens()
                : chat.stream().mapToInt(UsageItem::completionTokens).sum();
        Answer base = outcome.answer();
        Answer answer = new Answer(stream.text(), base.confidence(), base.model(), promptTokens, completionTokens,
                cost.doubleValue(), base.flags(), base.calibration());
        if (turn.tenantId() != null) {
            ledger.record(turn.tenantId(), turn.conversationId(), turn.messageId(), usage);
        }
        long firstToken = stream.firstTokenNanos() < 0 ? -1
                : TimeUnit.NANOSECONDS.toMillis(stream.firstTokenNanos() - started);
        return new TurnOutcome(answer, outcome.escalationReason(), outcome.modelName(), attempts, usage, cost,
                firstToken, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private record Outcome(Answer answer, @Nullable String escalationReason, @Nullable String modelName,
            boolean degraded) {

        Outcome withFlag(String flag) {
            return new Outcome(answer.withFlag(flag), escalationReason, modelName, degraded);
        }
    }

    /**
     * The models to try, in order: the start model and every cheaper one. The start is the first declared model,
     * moved to a cheaper one by the tenant's tier, a simple question, or an exhausted budget.
     */
    List<LlmModel> plan(BudgetStatus budget, Question question) {
        List<LlmModel> all = models.all();
        LlmModel start = all.getFirst();
        LlmModel cheapest = models.cheapest().orElse(start);
        String tierModel = routing.tierModel(budget.tier());
        if (tierModel != null) {
            start = cheaper(start, models.find(tierModel).orElse(start));
        }
        if (isSimple(question)) {
            start = cheaper(start, cheapest);
        }
        if (budget.isExhausted()) {
            start = cheapest;
        }
        LlmModel first = start;
        List<LlmModel> plan = new ArrayList<>();
        plan.add(first);
        all.stream()
            .filter(model -> model != first && model.costRank() < first.costRank())
            .sorted(java.util.Comparator.comparingInt(LlmModel::costRank).reversed())
            .forEach(plan::add);
        return plan;
    }

    private static LlmModel cheaper(LlmModel a, LlmModel b) {
        return b.costRank() < a.costRank() ? b : a;
    }

    /** A short single-sentence first question: the cheaper model answers those as well. */
    boolean isSimple(Question question) {
        if (routing.simpleMaxWords() == 0 || !question.history().isEmpty()) {
            return false;
        }
        String text = question.text().strip();
        return WORD.matcher(text).results().count() <= routing.simpleMaxWords()
                && !SENTENCE_END.matcher(text).find();
    }

    private Outcome runChain(List<LlmModel> plan, Question question, ChainStream stream, List<UsageItem> usage,
            List<String> attempts, AnswerCheck check) {
        boolean failed = false;
        boolean interrupted = false;
        boolean checked = check != AnswerCheck.NONE;
        for (LlmModel model : plan) {
            if (checked) {
                stream.hold();
            }
            Answer answer = callWithGuards(model, question, stream, usage, attempts);
            if (answer != null && checked && !check.passes(answer, question)) {
                stream.discard();
                attempts.set(attempts.size() - 1, model.name() + ":rejected");
                failed = true;
                continue;
            }
            if (checked) {
                stream.release();
            }
            if (answer != null) {
                Outcome outcome = new Outcome(answer, null, model.name(), failed);
                if (failed) {
                    outcome = outcome.withFlag(AnswerFlags.LLM_FALLBACK);
                }
                if (stream.interrupted()) {
                    outcome = outcome.withFlag(AnswerFlags.LLM_INTERRUPTED);
                }
                return outcome;
            }
            failed = true;
            interrupted |= stream.interrupted();
        }
        // Every model failed: quote the help center if it answers the question, else hand over to a person.
        ChainStream.Buffer buffer = new ChainStream.Buffer(stream);
        Answer fallback;
        try {
            fallback = extractive.answer(question, buffer);
        }
        catch (RuntimeException ex) {
            log.warn("Extractive fallback failed: {}", ex.toString());
            fallback = null;
        }
        if (fallback != null && !fallback.flags().contains(AnswerFlags.LOW_CONFIDENCE)) {
            attempts.add("extractive:ok");
            buffer.replay();
            Outcome outcome = new Outcome(fallback.withFlag(AnswerFlags.LLM_FALLBACK), null, null, true);
            return interrupted ? outcome.withFlag(AnswerFlags.LLM_INTERRUPTED) : outcome;
        }
        attempts.add("extractive:not_covered");
        stream.escalate(ESCALATION);
        List<String> flags = new ArrayList<>(List.of(AnswerFlags.LLM_FALLBACK, TurnOutcome.ALL_MODELS_FAILED));
        if (interrupted) {
            flags.add(AnswerFlags.LLM_INTERRUPTED);
        }
        log.warn("Every model failed and the help center has no answer: escalating ({})", attempts);
        return new Outcome(new Answer(ESCALATION, 0, ExtractiveAnswerer.MODEL, 0, 0, 0, flags),
                TurnOutcome.ALL_MODELS_FAILED, null, true);
    }

    /** One model with its breaker, bulkhead and retries; null when it could not answer. */
    private @Nullable Answer callWithGuards(LlmModel model, Question question, ChainStream stream,
            List<UsageItem> usage, List<String> attempts) {
        Guards modelGuards = guards.get(model.name());
        Retry.Context<Object> retry = modelGuards.retry().context();
        while (true) {
            if (!modelGuards.circuitBreaker().tryAcquirePermission()) {
                attempts.add(model.name() + ":circuit_open");
                return null;
            }
            if (!modelGuards.bulkhead().tryAcquirePermission()) {
                modelGuards.circuitBreaker().releasePermission();
                attempts.add(model.name() + ":bulkhead_full");
                return null;
            }
            long start = System.nanoTime();
            stream.beginAttempt();
            try {
                Answer answer = model.answerer().answer(question, stream);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                modelGuards.circuitBreaker().onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
                retry.onComplete();
                attempts.add(model.name() + ":ok");
                usage.add(chatItem(model, UsageItem.Outcome.OK, answer.promptTokens(), answer.completionTokens()));
                metrics.chatCall(model.system(), model.requestModel(), took, answer.promptTokens(),
                        answer.completionTokens(), "ok");
                return answer;
            }
            catch (ModelCallFailedException ex) {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                modelGuards.circuitBreaker().onError(took.toNanos(), TimeUnit.NANOSECONDS, ex);
                boolean partial = !ex.partialText().isEmpty();
                if (partial) {
                    // Part of the answer reached the customer: bill it, and let the next link complete it.
                    attempts.add(model.name() + ":interrupted");
                    usage.add(chatItem(model, UsageItem.Outcome.INTERRUPTED, ex.promptTokens(),
                            ex.completionTokens()));
                    metrics.chatCall(model.system(), model.requestModel(), took, ex.promptTokens(),
                            ex.completionTokens(), "interrupted");
                    stream.interruptedAttempt();
                    log.warn("Model {} broke off mid-answer: {}", model.name(), ex.getMessage());
                    return null;
                }
                attempts.add(model.name() + ":failed");
                usage.add(chatItem(model, UsageItem.Outcome.FAILED, 0, 0));
                metrics.chatCall(model.system(), model.requestModel(), took, 0, 0, "failed");
                boolean retryable = Retryable.test(ex.getCause() == null ? ex : ex.getCause());
                log.warn("Model {} failed ({}): {}", model.name(), retryable ? "retryable" : "not retryable",
                        ex.getMessage());
                if (!retryable) {
                    return null;
                }
                try {
                    // Waits the backoff interval, or throws once the attempts are used up.
                    retry.onRuntimeError(ex);
                }
                catch (RuntimeException exhausted) {
                    return null;
                }
            }
            catch (RuntimeException ex) {
                // Not a provider failure (e.g. a prompt that cannot render): free the breaker's permission, let the
                // turn fail as an error.
                modelGuards.circuitBreaker().releasePermission();
                throw ex;
            }
            finally {
                modelGuards.bulkhead().onComplete();
            }
        }
    }

    private UsageItem chatItem(LlmModel model, UsageItem.Outcome outcome, int promptTokens, int completionTokens) {
        return new UsageItem(UsageItem.Operation.CHAT, model.name(), model.requestModel(), outcome, promptTokens,
                completionTokens, Costs.chat(promptTokens, completionTokens, model.settings().promptPricePerMillion(),
                        model.settings().completionPricePerMillion()));
    }

    /** The query embedding and, when priced, reranking of the retrieved candidates. */
    private List<UsageItem> retrievalUsage(Question question) {
        List<UsageItem> items = new ArrayList<>();
        int queryTokens = tokens.count(question.text());
        items.add(new UsageItem(UsageItem.Operation.EMBEDDING, EMBEDDING_MODEL, EMBEDDING_MODEL, UsageItem.Outcome.OK,
                queryTokens, 0, Costs.of(queryTokens, prices.embeddingPricePerMillion())));
        if (prices.rerankPricePerMillion() > 0 && !question.context().isEmpty()) {
            int rerankTokens = 0;
            for (SearchHit hit : question.context()) {
                rerankTokens += queryTokens + tokens.count(hit.text());
            }
            items.add(new UsageItem(UsageItem.Operation.RERANK, RERANK_MODEL, RERANK_MODEL, UsageItem.Outcome.OK,
                    rerankTokens, 0, Costs.of(rerankTokens, prices.rerankPricePerMillion())));
        }
        return items;
    }
}
