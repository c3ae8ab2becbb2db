package org.supportrag.generation.routing;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.supportrag.generation.answer.Answer;
import org.supportrag.generation.answer.AnswerFlags;
import org.supportrag.generation.answer.AnswerStream;
import org.supportrag.generation.answer.Answerer;
import org.supportrag.generation.answer.ExtractiveAnswerer;
import org.supportrag.generation.answer.ModelCallFailedException;
import org.supportrag.generation.answer.Question;
import org.supportrag.generation.budget.Budget;
import org.supportrag.generation.budget.BudgetService;
import org.supportrag.generation.budget.BudgetStatus;
import org.supportrag.generation.model.LlmModel;
import org.supportrag.generation.model.ModelRegistry;
import org.supportrag.generation.routing.ModelGuards.Guards;
import org.supportrag.generation.texts.CustomerText;
import org.supportrag.generation.texts.CustomerTexts;
import org.supportrag.generation.usage.Costs;
import org.supportrag.generation.usage.GenAiMetrics;
import org.supportrag.generation.usage.UsageItem;
import org.supportrag.generation.usage.UsageLedger;

/**
 * Answers a turn with the routed chain of models: the routing rules (budget, tenant tier, question complexity) pick
 * the first model, then every cheaper one follows, then the extractive answerer, then escalation. Each call goes
 * through the model's circuit breaker and bulkhead; failures before the first token are retried (with backoff) when
 * retryable. A stream that breaks mid-answer is completed by the next link of the chain after a short bridge, so
 * the customer always reads a whole answer or a clear hand-over to a person. Which models to try is the
 * {@link RoutePlanner}'s job, the guards are {@link ModelGuards}, prices {@link TurnPricing}, texts {@link ChainTexts}.
 */
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public final class ModelChain implements Answerer {

    private static final Logger log = LoggerFactory.getLogger(ModelChain.class);

    public static final String BUDGET_EXHAUSTED = "budget_exhausted";

    private final ModelRegistry models;
    private final ExtractiveAnswerer extractive;
    private final BudgetService budgets;
    private final UsageLedger ledger;
    private final GenAiMetrics metrics;
    private final RoutePlanner planner;
    private final ModelGuards guards;
    private final TurnPricing pricing;
    private final CustomerTexts texts;

    /** The circuit breaker of a configured model, for health reports and tests. */
    public @Nullable CircuitBreaker circuitBreaker(String model) {
        return guards.circuitBreaker(model);
    }

    /** Whether a model of that name is configured. */
    public boolean knowsModel(String name) {
        return models.find(name).isPresent();
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
        Locale language = texts.localeOf(turn.tenantId(), question.text(), turn.language());
        ChainStream stream = new ChainStream(target, texts.get(CustomerText.CHAIN_REPEAT_BRIDGE, language));
        List<UsageItem> usage = new ArrayList<>(pricing.retrieval(question));
        List<String> attempts = new ArrayList<>();
        boolean offline = models.isEmpty() || question.context().isEmpty();
        BudgetService.Reservation reservation = offline || turn.tenantId() == null ? null
                : reserve(turn.tenantId(), question);
        try {
            return answer(turn, question, stream, check, usage, attempts, offline, reservation, started, language);
        }
        finally {
            if (reservation != null) {
                budgets.release(reservation);
            }
        }
    }

    /** Reserves the turn's estimate: concurrent turns see each other's reservations in the budget check. */
    private BudgetService.Reservation reserve(String tenantId, Question question) {
        TurnPricing.Estimate estimate = pricing.estimate(question, models.all(), budgets.completionEstimate());
        return budgets.reserve(tenantId, estimate.tokens(), estimate.costUsd());
    }

    private TurnOutcome answer(TurnContext turn, Question question, ChainStream stream, AnswerCheck check,
            List<UsageItem> usage, List<String> attempts, boolean offline,
            BudgetService.@Nullable Reservation reservation, long started, Locale language) {
        // Offline turns and turns without a tenant call no model: no budget applies.
        BudgetStatus budget = reservation != null ? reservation.status() : BudgetStatus.unlimited("standard");
        Outcome outcome;
        if (offline) {
            // Offline, or nothing to ground an answer on (an LLM could only guess, so do not pay for one).
            outcome = new Outcome(extractive.answer(question, stream), null, null, false);
        }
        else if (budget.isExhausted() && budget.onExhausted() == Budget.OnExhausted.REFUSE) {
            String refusal = texts.get(CustomerText.CHAIN_REFUSAL, language);
            stream.token(refusal);
            outcome = new Outcome(new Answer(refusal, 0, "none", 0, 0, 0, List.of(BUDGET_EXHAUSTED)),
                    null, null, false);
        }
        else {
            outcome = runChain(planner.plan(budget, question, turn.model()), question, stream, usage, attempts, check,
                    language);
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

    private Outcome runChain(List<LlmModel> plan, Question question, ChainStream stream, List<UsageItem> usage,
            List<String> attempts, AnswerCheck check, Locale language) {
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
                // Should the models fail on a later turn about these sections, the offline answerer finds them ready.
                extractive.prefetch(question.context());
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
        String escalation = texts.get(CustomerText.CHAIN_ESCALATION, language);
        stream.escalate(escalation);
        List<String> flags = new ArrayList<>(List.of(AnswerFlags.LLM_FALLBACK, TurnOutcome.ALL_MODELS_FAILED));
        if (interrupted) {
            flags.add(AnswerFlags.LLM_INTERRUPTED);
        }
        log.warn("Every model failed and the help center has no answer: escalating ({})", attempts);
        return new Outcome(new Answer(escalation, 0, ExtractiveAnswerer.MODEL, 0, 0, 0, flags),
                TurnOutcome.ALL_MODELS_FAILED, null, true);
    }

    /** One model with its breaker, bulkhead and retries; null when it could not answer. */
    private @Nullable Answer callWithGuards(LlmModel model, Question question, ChainStream stream,
            List<UsageItem> usage, List<String> attempts) {
        Guards modelGuards = guards.of(model);
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
                recordCall(model, UsageItem.Outcome.OK, took, answer.promptTokens(), answer.completionTokens(),
                        usage, attempts);
                return answer;
            }
            catch (ModelCallFailedException ex) {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                modelGuards.circuitBreaker().onError(took.toNanos(), TimeUnit.NANOSECONDS, ex);
                boolean partial = !ex.partialText().isEmpty();
                if (partial) {
                    // Part of the answer reached the customer: bill it, and let the next link complete it.
                    recordCall(model, UsageItem.Outcome.INTERRUPTED, took, ex.promptTokens(), ex.completionTokens(),
                            usage, attempts);
                    stream.interruptedAttempt();
                    log.warn("Model {} broke off mid-answer: {}", model.name(), ex.getMessage());
                    return null;
                }
                recordCall(model, UsageItem.Outcome.FAILED, took, 0, 0, usage, attempts);
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

    /** One model call: its attempt ({@code <model>:ok}), its priced usage and its GenAI metrics. */
    private void recordCall(LlmModel model, UsageItem.Outcome outcome, Duration took, int promptTokens,
            int completionTokens, List<UsageItem> usage, List<String> attempts) {
        attempts.add(model.name() + ":" + outcome.value());
        usage.add(pricing.chat(model, outcome, promptTokens, completionTokens));
        metrics.chatCall(model.system(), model.requestModel(), took, promptTokens, completionTokens, outcome.value());
    }
}
