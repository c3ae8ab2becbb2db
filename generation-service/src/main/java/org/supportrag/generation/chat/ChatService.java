package org.supportrag.generation.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import io.micrometer.context.ContextSnapshotFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.supportrag.contracts.retrieval.v1.RetrievalApi;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.generation.GenerationProperties;
import org.supportrag.generation.answer.Answer;
import org.supportrag.generation.answer.Question;
import org.supportrag.generation.cache.CacheKey;
import org.supportrag.generation.cache.Cacheable;
import org.supportrag.generation.cache.CachedAnswer;
import org.supportrag.generation.cache.SemanticAnswerCache;
import org.supportrag.generation.conversation.Conversation;
import org.supportrag.generation.conversation.ConversationAccess;
import org.supportrag.generation.conversation.ConversationIds;
import org.supportrag.generation.conversation.ConversationRepository;
import org.supportrag.generation.conversation.StoredMessage;
import org.supportrag.generation.escalation.Handover;
import org.supportrag.generation.guardrail.InputVerdict;
import org.supportrag.generation.guardrail.OutputFilter;
import org.supportrag.generation.prompt.PromptCatalog;
import org.supportrag.generation.prompt.PromptNames;
import org.supportrag.generation.prompt.ResolvedPrompts;
import org.supportrag.generation.routing.TurnOutcome;

/**
 * One chat turn: accept and store the question ({@link #begin}), then run the turn's stages ({@link #respond}).
 */
@Service
class ChatService {

    private static final Pattern KNOWLEDGE_BASE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}");

    private final ConversationRepository conversations;
    private final GenerationProperties properties;
    private final PromptCatalog prompts;
    private final InputGuardStage inputGuard;
    private final RetrieveStage retrieve;
    private final CacheStage cache;
    private final AugmentStage augment;
    private final GenerateStage generate;
    private final ValidateStage validate;
    private final ConcludeStage conclude;
    private final RecordStage record;
    private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();
    private final ExecutorService alongside = Executors.newVirtualThreadPerTaskExecutor();

    ChatService(ConversationRepository conversations, GenerationProperties properties, PromptCatalog prompts,
            InputGuardStage inputGuard, RetrieveStage retrieve, CacheStage cache, AugmentStage augment,
            GenerateStage generate, ValidateStage validate, ConcludeStage conclude, RecordStage record) {
        this.conversations = conversations;
        this.properties = properties;
        this.prompts = prompts;
        this.inputGuard = inputGuard;
        this.retrieve = retrieve;
        this.cache = cache;
        this.augment = augment;
        this.generate = generate;
        this.validate = validate;
        this.conclude = conclude;
        this.record = record;
    }

    /**
     * Validates the request, finds or starts the conversation and stores the question. Fails with a problem
     * (400, 403, 404) before anything is stored or streamed.
     */
    Turn begin(ChatRequest request, CallerIdentity caller, String traceId) {
        ConversationAccess.requireChatRole(caller);
        EvaluationOverrides evaluation = EvaluationOverrides.checked(request.evaluation(), caller, generate::knowsModel);
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
        Locale language = null;
        if (request.language() != null) {
            language = LANGUAGE_TAG.matcher(request.language()).matches() ? Locale.forLanguageTag(request.language())
                    : null;
            if (language == null) {
                errors.add("language: must be a BCP 47 language tag such as en or de-DE");
            }
        }
        String knowledgeBase = request.knowledgeBase();
        if (knowledgeBase != null && !KNOWLEDGE_BASE.matcher(knowledgeBase).matches()) {
            errors.add("knowledgeBase: must be 1-100 letters, digits, '.', '_' or '-'");
        }
        if (message == null || !errors.isEmpty()) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                    String.join("; ", errors), Map.of("errors", errors));
        }
        UUID questionId = UUID.randomUUID();
        if (conversationId == null) {
            String kb = knowledgeBase == null ? RetrievalApi.DEFAULT_KNOWLEDGE_BASE : knowledgeBase;
            UUID id = UUID.randomUUID();
            String variant = !generate.usesPrompts() ? null
                    : evaluation != null && evaluation.promptLabel() != null ? evaluation.promptLabel()
                    : prompts.assignVariant(caller.tenantId(), id);
            Conversation started = conversations.start(id, caller.tenantId(), kb,
                    ConversationAccess.customerRef(caller), variant, questionId, message, emptyToNull(traceId));
            return new Turn(caller, started.id(), kb, questionId, UUID.randomUUID(), message, traceId, List.of(),
                    started.promptVariant(), evaluation, language);
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
            .map(stored -> new Question.PriorMessage(stored.fromCustomer(), stored.content(),
                    !StoredMessage.ASSISTANT.equals(stored.role()) || !stored.citations().isEmpty()))
            .toList();
        conversations.addUserMessage(caller.tenantId(), conversation.id(), questionId, message,
                emptyToNull(traceId));
        // Conversations started offline or before prompt management keep to production.
        String variant = !generate.usesPrompts() ? null
                : conversation.promptVariant() == null ? PromptNames.PRODUCTION : conversation.promptVariant();
        return new Turn(caller, conversation.id(), conversation.knowledgeBase(), questionId, UUID.randomUUID(),
                message, traceId, history, variant, evaluation, language);
    }

    /**
     * Streams the answer to {@code events}: {@code meta}, {@code token}s with {@code citation}s as soon as their
     * markers are complete, then {@code done} once the answer is stored. Throws a 503 problem when retrieval
     * fails; the question stays stored. The turn runs as named stages, each one observation
     * ({@link ChatObservationConvention}): input guard, rewrite and retrieve, cache, augment, generate, validate,
     * conclude, record.
     */
    void respond(Turn turn, ChatEvents events) {
        long started = System.nanoTime();
        events.meta(new ChatPayloads.Meta(turn.conversationId(), turn.answerId(), turn.traceId()));
        InputGuardStage.Guarded guarded = inputGuard.check(turn);
        InputVerdict input = guarded.verdict();
        if (input == null) {
            record.whileAgentHandles(turn, events);
            return;
        }
        if (input.action() != InputVerdict.Action.ANSWER) {
            record.withoutAnswerer(turn, events, input);
            return;
        }
        AugmentStage.Pending pending = augment.start(turn, input);
        // The prompts and the answer cache's candidates need the question only: found while retrieval searches.
        CompletableFuture<Prepared> early = CompletableFuture.supplyAsync(() -> prepare(turn, input),
                snapshots.captureAll().wrapExecutor(alongside));
        RetrieveStage.Retrieved retrieved = retrieve.retrieve(turn, input, started);
        List<SearchHit> hits = retrieved.hits();
        Prepared prepared = join(early);
        ResolvedPrompts resolved = prepared.resolved();
        CacheKey cacheKey = prepared.key();
        Optional<CachedAnswer> cached = cache.lookup(cacheKey, prepared.candidates(), input, hits);
        if (cached.isPresent()) {
            pending.cancel();
            cache.serve(turn, cached.get(), resolved, retrieved, started, events);
            return;
        }
        AugmentStage.Augmented augmented = augment.augment(turn, pending, hits);
        Question question = new Question(input.question(), hits, input.history(), resolved, augmented.background(),
                augmented.tools())
            .withStandalone(retrieved.standaloneQuery())
            .withQueryTerms(retrieved.queryTerms());
        CitationTracker citations = new CitationTracker(hits);
        OutputFilter output = validate.open(turn, input, hits, augmented, resolved, events, citations);
        TurnOutcome routed = generate.generate(turn, question, output, validate.chainCheck(turn.caller().tenantId()));
        ValidateStage.Validation validation = validate.validate(turn.caller().tenantId(), output, question);
        Handover.Outcome outcome = conclude.conclude(turn.caller().tenantId(), turn.language(), input, retrieved,
                augmented, routed, validation, hits, output);
        RecordStage.Answered answered = record.answered(turn, resolved, retrieved, hits, routed, outcome,
                validation.groundedness(), output.text(), citations.citations(), started, events);
        Answer answer = routed.answer();
        cache.offer(cacheKey, new Cacheable(input.question(), answered.text(), answered.citations(),
                outcome.confidence(), answer.model(), routed.modelName(), answer.promptTokens(),
                answer.completionTokens(), answer.costUsd()), answered.storedFlags(), outcome.escalated(),
                prepared.candidates());
    }

    /** What the turn needs besides its chunks before it answers: prompts, cache key, the cache's candidates. */
    private record Prepared(@Nullable ResolvedPrompts resolved, @Nullable CacheKey key,
            SemanticAnswerCache.Candidates candidates) {
    }

    private Prepared prepare(Turn turn, InputVerdict input) {
        ResolvedPrompts resolved = turn.promptVariant() == null ? null
                : prompts.resolve(turn.caller().tenantId(), turn.promptVariant());
        CacheKey key = cache.key(turn, resolved);
        return new Prepared(resolved, key, cache.candidates(key, input));
    }

    /** The result, or its failure as if it had run on this thread. */
    private static Prepared join(CompletableFuture<Prepared> early) {
        try {
            return early.join();
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (ex.getCause() instanceof Error error) {
                throw error;
            }
            throw ex;
        }
    }

    private static @Nullable String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
