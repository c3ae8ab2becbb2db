package org.supportrag.generation.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.supportrag.contracts.retrieval.v1.RetrievalApi;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.generation.GenerationProperties;
import org.supportrag.generation.answer.Answer;
import org.supportrag.generation.answer.AnswerStream;
import org.supportrag.generation.answer.Answerer;
import org.supportrag.generation.answer.Question;
import org.supportrag.generation.cache.CacheKey;
import org.supportrag.generation.cache.Cacheable;
import org.supportrag.generation.cache.CachedAnswer;
import org.supportrag.generation.cache.SemanticAnswerCache;
import org.supportrag.generation.conversation.Citation;
import org.supportrag.generation.conversation.Conversation;
import org.supportrag.generation.conversation.ConversationAccess;
import org.supportrag.generation.conversation.ConversationIds;
import org.supportrag.generation.conversation.ConversationRepository;
import org.supportrag.generation.conversation.StoredAnswer;
import org.supportrag.generation.conversation.StoredMessage;
import org.supportrag.generation.escalation.EscalationTexts;
import org.supportrag.generation.escalation.Handover;
import org.supportrag.generation.guardrail.ContextScreen;
import org.supportrag.generation.guardrail.Guardrails;
import org.supportrag.generation.guardrail.InputVerdict;
import org.supportrag.generation.guardrail.OutputFilter;
import org.supportrag.generation.crm.CustomerContext;
import org.supportrag.generation.prompt.PromptCatalog;
import org.supportrag.generation.prompt.PromptNames;
import org.supportrag.generation.prompt.ResolvedPrompts;
import org.supportrag.generation.retrieval.RetrievalClient;
import org.supportrag.generation.interactionlog.Interaction;
import org.supportrag.generation.interactionlog.InteractionLog;
import org.supportrag.generation.routing.ModelChain;
import org.supportrag.generation.routing.TurnContext;
import org.supportrag.generation.routing.TurnOutcome;
import org.supportrag.generation.tickets.SimilarTickets;
import org.supportrag.generation.usage.UsageLedger;

/**
 * One chat turn: accept and store the question ({@link #begin}), then retrieve, answer while streaming, store the
 * answer and report it ({@link #respond}).
 */
@Service
class ChatService {

    private static final Logger log = LoggerFactory.getLogger(ChatService.class);
    private static final Pattern KNOWLEDGE_BASE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    // Flag stored (not shown) when the client left before the answer was complete.
    static final String CLIENT_DISCONNECTED = "client_disconnected";
    // The "model" of turns answered by the guardrails alone (refusals, hand-overs).
    static final String GUARDRAIL_MODEL = "guardrail";

    private final ConversationRepository conversations;
    private final RetrievalClient retrieval;
    private final Answerer answerer;
    private final GenerationProperties properties;
    private final PromptCatalog prompts;
    private final ModelChain models;
    private final InteractionLog interactions;
    private final Guardrails guardrails;
    private final Handover handover;
    private final SemanticAnswerCache answerCache;
    private final SimilarTickets tickets;
    private final CustomerContext customers;
    private final UsageLedger usage;

    ChatService(ConversationRepository conversations, RetrievalClient retrieval, ModelChain models,
            GenerationProperties properties, PromptCatalog prompts, InteractionLog interactions,
            Guardrails guardrails, Handover handover, SemanticAnswerCache answerCache, SimilarTickets tickets,
            CustomerContext customers, UsageLedger usage) {
        this.conversations = conversations;
        this.retrieval = retrieval;
        this.answerer = models;
        this.models = models;
        this.properties = properties;
        this.prompts = prompts;
        this.interactions = interactions;
        this.guardrails = guardrails;
        this.handover = handover;
        this.answerCache = answerCache;
        this.tickets = tickets;
        this.customers = customers;
        this.usage = usage;
    }

    /**
     * Validates the request, finds or starts the conversation and stores the question. Fails with a problem
     * (400, 403, 404) before anything is stored or streamed.
     */
    Turn begin(ChatRequest request, CallerIdentity caller, String traceId) {
        ConversationAccess.requireChatRole(caller);
        EvaluationOverrides evaluation = EvaluationOverrides.checked(request.evaluation(), caller);
        List<String> errors = new ArrayList<>();
        String message = request.message() == null ? null : request.message().replace("\u0000", "").strip();
        if (message == null || message.isEmpty()) {
            errors.add("message: must not be blank");
        }
        else if (message.length() > properties.maxMessageChars()) {
            errors.add("message: must be at most " + properties.maxMessageChars() + " characters");
        }
        UUID conversationId = null;
        if (request.conversationId() != null) {
            conversationId = ConversationIds.parse(request.conversationId());
            if (conversationId == null) {
                errors.add("conversationId: must be a UUID");
            }
        }
        String knowledgeBase = request.knowledgeBase();
        if (knowledgeBase != null && !KNOWLEDGE_BASE.matcher(knowledgeBase).matches()) {
            errors.add("knowledgeBase: must be 1-100 letters, digits, '.', '_' or '-'");
        }
        if (!errors.isEmpty()) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                    String.join("; ", errors), Map.of("errors", errors));
        }
        UUID questionId = UUID.randomUUID();
        if (conversationId == null) {
            String kb = knowledgeBase == null ? RetrievalApi.DEFAULT_KNOWLEDGE_BASE : knowledgeBase;
            UUID id = UUID.randomUUID();
            String variant = !answerer.usesPrompts() ? null
                    : evaluation != null && evaluation.promptLabel() != null ? evaluation.promptLabel()
                    : prompts.assignVariant(caller.tenantId(), id);
            Conversation started = conversations.start(id, caller.tenantId(), kb,
                    ConversationAccess.customerRef(caller), variant, questionId, message, emptyToNull(traceId));
            return new Turn(caller, started.id(), kb, questionId, UUID.randomUUID(), message, traceId, List.of(),
                    started.promptVariant(), evaluation);
        }
        Conversation conversation = conversations.find(caller.tenantId(), conversationId)
            .filter(found -> ConversationAccess.mayAccess(caller, found))
            .orElseThrow(ConversationAccess::notFound);
        if (knowledgeBase != null && !knowledgeBase.equals(conversation.knowledgeBase())) {
            throw ApiProblemException.badRequest("knowledge-base-mismatch", "Knowledge base mismatch",
                    "The conversation uses another knowledge base; start a new conversation to switch.");
        }
        List<Question.PriorMessage> history = conversations
            .recentMessages(caller.tenantId(), conversation.id(), properties.llm().historyMessages())
            .stream()
            .map(stored -> new Question.PriorMessage(stored.fromCustomer(), stored.content()))
            .toList();
        conversations.addUserMessage(caller.tenantId(), conversation.id(), questionId, message,
                emptyToNull(traceId));
        // Conversations started offline or before prompt management keep to production.
        String variant = !answerer.usesPrompts() ? null
                : conversation.promptVariant() == null ? PromptNames.PRODUCTION : conversation.promptVariant();
        return new Turn(caller, conversation.id(), conversation.knowledgeBase(), questionId, UUID.randomUUID(),
                message, traceId, history, variant, evaluation);
    }

    /**
     * Streams the answer to {@code events}: {@code meta}, {@code token}s with {@code citation}s as soon as their
     * markers are complete, then {@code done} once the answer is stored. Throws a 503 problem when retrieval
     * fails; the question stays stored.
     */
    void respond(Turn turn, ChatEvents events) {
        long started = System.nanoTime();
        events.meta(new ChatPayloads.Meta(turn.conversationId(), turn.answerId(), turn.traceId()));
        String tenant = turn.caller().tenantId();
        // A person has taken the conversation over: the assistant stays out of it until they resolve it.
        if (handover.agentHandles(tenant, turn.conversationId())) {
            respondWhileAgentHandles(turn, events);
            return;
        }
        // Input guardrails: personal data is redacted before anything leaves; some questions get no answerer.
        InputVerdict input = guardrails.checkInput(tenant, turn.question(), turn.history());
        if (input.action() != InputVerdict.Action.ANSWER) {
            respondWithoutAnswerer(turn, events, input);
            return;
        }
        // Similar past tickets are searched alongside the documents (only LLM prompts can use them).
        java.util.concurrent.CompletableFuture<List<SearchHit>> pastCases = answerer.usesPrompts()
                ? tickets.search(input.question(), turn.knowledgeBase())
                : java.util.concurrent.CompletableFuture.completedFuture(List.of());
        // Chunks carrying instructions for the assistant (indirect injection) are left out.
        ContextScreen screened = guardrails.screenContext(turn.evaluation() == null
                ? retrieval.search(input.question(), turn.knowledgeBase())
                : retrieval.search(input.question(), turn.knowledgeBase(), turn.evaluation().searchMode(), null,
                        turn.evaluation().topK()));
        long retrievalMillis = (System.nanoTime() - started) / 1_000_000;
        List<SearchHit> hits = screened.kept();
        CitationTracker citations = new CitationTracker(hits);
        ResolvedPrompts resolved = turn.promptVariant() == null ? null
                : prompts.resolve(tenant, turn.promptVariant());
        // Answer cache: only standalone (first-turn) questions, since a follow-up's meaning depends on its history;
        // never answers that may use a customer's CRM data.
        CacheKey cacheKey = turn.history().isEmpty() && turn.evaluation() == null && answerCache.enabled() && !customers.personalizes(turn.caller())
                ? CacheKey.of(tenant, turn.knowledgeBase(), turn.caller().groups(),
                        resolved == null ? null : resolved.uses())
                : null;
        if (cacheKey != null) {
            Optional<CachedAnswer> cached = answerCache.lookup(cacheKey, input.question(), hits);
            // The tenant's current thresholds apply to cached answers too: only one they would give as is is reused.
            if (cached.isPresent() && handover.answersAsIs(input.policy(), cached.get().confidence())) {
                pastCases.cancel(true);
                answerFromCache(turn, cached.get(), resolved, hits, retrievalMillis, started, events);
                return;
            }
        }
        // Context beyond documents: similar resolved tickets (screened like documents: tickets hold customer text),
        // and the customer's CRM data (tools or fetched now).
        List<String> background = new ArrayList<>(
                tickets.section(guardrails.screenContext(pastCases.join()).kept(), hits));
        CustomerContext.Prepared customer = customers.prepare(turn.caller(), answerer.usesPrompts());
        background.addAll(customer.background());
        Question question = new Question(input.question(), hits, input.history(), resolved, background,
                customer.tools());
        // Output guardrails sit between the answerer and the customer.
        OutputFilter output = guardrails.output(input.policy(), hits, resolved, new AnswerStream() {
            @Override
            public void token(String text) {
                events.token(text);
                citations.accept(text).forEach(events::citation);
            }

            @Override
            public boolean cancelled() {
                return events.closed();
            }
        });
        // The routed model chain (issue 5 part A): budgets, routing, fallbacks, usage.
        TurnOutcome routed = models.answer(new TurnContext(tenant, turn.conversationId(), turn.answerId()), question,
                output);
        Answer answer = routed.answer();
        output.finish();
        List<String> signals = new ArrayList<>(input.flags());
        if (customer.unavailable()) {
            signals.add(CustomerContext.CRM_UNAVAILABLE);
        }
        signals.addAll(screened.flags());
        signals.addAll(answer.flags());
        if (routed.escalate()) {
            signals.add(Handover.ESCALATE_SIGNAL);
        }
        signals.addAll(output.flags());
        // Confidence decides: answer, answer with a caveat, or hand over to a person.
        Handover.Outcome outcome = handover.conclude(input.policy(), hits, output, signals);
        List<String> flags = outcome.flags();
        List<String> storedFlags = new ArrayList<>(flags);
        if (events.closed()) {
            storedFlags.add(CLIENT_DISCONNECTED);
        }
        List<Citation> cited = citations.citations();
        conversations.addAnswer(new StoredAnswer(turn.answerId(), turn.conversationId(), tenant,
                output.text(), cited, storedFlags, outcome.confidence(), answer.model(), answer.promptTokens(),
                answer.completionTokens(), emptyToNull(turn.traceId()), resolved == null ? null : resolved.uses()));
        handover.record(tenant, turn.conversationId(), turn.answerId(), hits, outcome);
        log.debug("Answered in conversation {} with {} citations, confidence {}, flags {}", turn.conversationId(),
                cited.size(), outcome.confidence(), flags);
        logInteraction(turn, hits, resolved, answer, output.text(), cited, flags, outcome.confidence(),
                outcome.escalated(), routed, retrievalMillis, started);
        events.done(new ChatPayloads.Done(outcome.confidence(), outcome.escalated(), flags, answer.model(),
                new ChatPayloads.Usage(answer.promptTokens(), answer.completionTokens(), answer.costUsd())));
        if (cacheKey != null) {
            answerCache.offer(cacheKey, new Cacheable(input.question(), output.text(), cited, outcome.confidence(),
                    answer.model(), routed.modelName(), answer.promptTokens(), answer.completionTokens(),
                    answer.costUsd()), storedFlags, outcome.escalated());
        }
    }

    /**
     * Streams a cached answer like a fresh one, flagged {@code cache_hit}; it costs no tokens. The usage ledger
     * records what the hit saved and the interaction log the turn.
     */
    private void answerFromCache(Turn turn, CachedAnswer cached, @Nullable ResolvedPrompts resolved,
            List<SearchHit> hits, long retrievalMillis, long started, ChatEvents events) {
        String tenant = turn.caller().tenantId();
        events.token(cached.text());
        cached.citations().forEach(events::citation);
        List<String> flags = List.of(SemanticAnswerCache.CACHE_HIT);
        conversations.addAnswer(new StoredAnswer(turn.answerId(), turn.conversationId(), tenant,
                cached.text(), cached.citations(), flags, cached.confidence(), cached.model(), 0, 0,
                emptyToNull(turn.traceId()), resolved == null ? null : resolved.uses()));
        answerCache.served(cached);
        try {
            if (cached.modelName() != null) {
                usage.recordCacheHit(tenant, turn.conversationId(), turn.answerId(), cached.modelName(),
                        cached.promptTokens(), cached.completionTokens());
            }
            Map<String, Long> latency = new java.util.LinkedHashMap<>();
            latency.put("retrievalMs", retrievalMillis);
            latency.put("totalMs", (System.nanoTime() - started) / 1_000_000);
            interactions.record(new Interaction(tenant, turn.conversationId(), turn.answerId(), turn.question(), hits,
                    resolved == null ? null : resolved.uses(), cached.model(), List.of(), cached.text(),
                    cached.citations(), cached.confidence(), flags, false, latency, java.math.BigDecimal.ZERO,
                    emptyToNull(turn.traceId())));
        }
        catch (RuntimeException ex) {
            // The customer's answer is stored already; lost bookkeeping must not turn it into an error.
            log.warn("Cache-hit bookkeeping failed in conversation {}: {}", turn.conversationId(), ex.toString());
        }
        events.done(new ChatPayloads.Done(cached.confidence(), false, flags, cached.model(),
                new ChatPayloads.Usage(0, 0, 0)));
    }

    private void logInteraction(Turn turn, List<SearchHit> hits, @Nullable ResolvedPrompts resolved, Answer answer,
            String shownText, List<Citation> cited, List<String> flags, double confidence, boolean escalated,
            TurnOutcome routed, long retrievalMillis, long startedNanos) {
        Map<String, Long> latency = new java.util.LinkedHashMap<>();
        latency.put("retrievalMs", retrievalMillis);
        latency.put("firstTokenMs", routed.firstTokenMillis());
        latency.put("generationMs", routed.generationMillis());
        latency.put("totalMs", (System.nanoTime() - startedNanos) / 1_000_000);
        try {
            interactions.record(new Interaction(turn.caller().tenantId(), turn.conversationId(), turn.answerId(),
                    turn.question(), hits, resolved == null ? null : resolved.uses(), answer.model(),
                    routed.attempts(), shownText, cited, confidence, flags, escalated, latency, routed.costUsd(),
                    emptyToNull(turn.traceId())));
        }
        catch (RuntimeException ex) {
            // The customer's answer is stored already; a lost log row must not turn it into an error.
            log.warn("Interaction log write failed in conversation {}: {}", turn.conversationId(), ex.toString());
        }
    }

    /** A turn in a conversation an agent has claimed: the customer is told the agent will answer. */
    private void respondWhileAgentHandles(Turn turn, ChatEvents events) {
        List<String> flags = List.of(Handover.AGENT_HANDLING);
        events.token(EscalationTexts.WITH_AGENT);
        conversations.addAnswer(new StoredAnswer(turn.answerId(), turn.conversationId(), turn.caller().tenantId(),
                EscalationTexts.WITH_AGENT, List.of(), flags, 0, GUARDRAIL_MODEL, 0, 0, emptyToNull(turn.traceId()),
                null));
        events.done(new ChatPayloads.Done(0, false, flags, GUARDRAIL_MODEL, new ChatPayloads.Usage(0, 0, 0)));
    }

    /** A turn the input guardrails answered themselves: a polite refusal, or the hand-over to a person. */
    private void respondWithoutAnswerer(Turn turn, ChatEvents events, InputVerdict input) {
        String tenant = turn.caller().tenantId();
        boolean escalate = input.action() == InputVerdict.Action.ESCALATE;
        String text = !escalate ? String.valueOf(input.reply())
                : InputVerdict.CUSTOMER_REQUEST.equals(input.escalationReason()) ? EscalationTexts.REQUESTED
                        : EscalationTexts.HANDED_OVER_ALONE;
        events.token(text);
        conversations.addAnswer(new StoredAnswer(turn.answerId(), turn.conversationId(), tenant, text, List.of(),
                input.flags(), 0, GUARDRAIL_MODEL, 0, 0, emptyToNull(turn.traceId()), null));
        if (escalate) {
            handover.escalateWithoutAnswer(tenant, turn.conversationId(), turn.answerId(),
                    String.valueOf(input.escalationReason()), input.flags());
        }
        events.done(new ChatPayloads.Done(0, escalate, input.flags(), GUARDRAIL_MODEL,
                new ChatPayloads.Usage(0, 0, 0)));
    }

    private static @Nullable String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
