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
import org.supportrag.generation.cache.CachedAnswer;
import org.supportrag.generation.cache.SemanticAnswerCache;
import org.supportrag.generation.conversation.Citation;
import org.supportrag.generation.conversation.Conversation;
import org.supportrag.generation.conversation.ConversationAccess;
import org.supportrag.generation.conversation.ConversationIds;
import org.supportrag.generation.conversation.ConversationRepository;
import org.supportrag.generation.conversation.StoredAnswer;
import org.supportrag.generation.conversation.StoredMessage;
import org.supportrag.generation.crm.CustomerContext;
import org.supportrag.generation.prompt.PromptCatalog;
import org.supportrag.generation.prompt.PromptNames;
import org.supportrag.generation.prompt.ResolvedPrompts;
import org.supportrag.generation.retrieval.RetrievalClient;
import org.supportrag.generation.tickets.SimilarTickets;

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

    private final ConversationRepository conversations;
    private final RetrievalClient retrieval;
    private final Answerer answerer;
    private final GenerationProperties properties;
    private final PromptCatalog prompts;
    private final SemanticAnswerCache answerCache;
    private final SimilarTickets tickets;
    private final CustomerContext customers;

    ChatService(ConversationRepository conversations, RetrievalClient retrieval, Answerer answerer,
            GenerationProperties properties, PromptCatalog prompts, SemanticAnswerCache answerCache,
            SimilarTickets tickets, CustomerContext customers) {
        this.conversations = conversations;
        this.retrieval = retrieval;
        this.answerer = answerer;
        this.properties = properties;
        this.prompts = prompts;
        this.answerCache = answerCache;
        this.tickets = tickets;
        this.customers = customers;
    }

    /**
     * Validates the request, finds or starts the conversation and stores the question. Fails with a problem
     * (400, 403, 404) before anything is stored or streamed.
     */
    Turn begin(ChatRequest request, CallerIdentity caller, String traceId) {
        ConversationAccess.requireChatRole(caller);
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
            String variant = answerer.usesPrompts() ? prompts.assignVariant(caller.tenantId(), id) : null;
            Conversation started = conversations.start(id, caller.tenantId(), kb,
                    ConversationAccess.customerRef(caller), variant, questionId, message, emptyToNull(traceId));
            return new Turn(caller, started.id(), kb, questionId, UUID.randomUUID(), message, traceId, List.of(),
                    started.promptVariant());
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
                message, traceId, history, variant);
    }

    /**
     * Streams the answer to {@code events}: {@code meta}, {@code token}s with {@code citation}s as soon as their
     * markers are complete, then {@code done} once the answer is stored. Throws a 503 problem when retrieval
     * fails; the question stays stored.
     */
    void respond(Turn turn, ChatEvents events) {
        events.meta(new ChatPayloads.Meta(turn.conversationId(), turn.answerId(), turn.traceId()));
        List<SearchHit> hits = retrieval.search(turn.question(), turn.knowledgeBase());
        CitationTracker citations = new CitationTracker(hits);
        ResolvedPrompts resolved = turn.promptVariant() == null ? null
                : prompts.resolve(turn.caller().tenantId(), turn.promptVariant());
        // Answer cache: only standalone (first-turn) questions, since a follow-up's meaning depends on its history;
        // never answers that may use a customer's CRM data.
        CacheKey cacheKey = turn.history().isEmpty() && answerCache.enabled() && !customers.personalizes(turn.caller())
                ? CacheKey.of(turn.caller().tenantId(), turn.knowledgeBase(), turn.caller().groups(),
                        resolved == null ? null : resolved.uses())
                : null;
        if (cacheKey != null) {
            Optional<CachedAnswer> cached = answerCache.lookup(cacheKey, turn.question(), hits);
            if (cached.isPresent()) {
                answerFromCache(turn, cached.get(), resolved, events);
                return;
            }
        }
        // Context beyond documents: similar resolved tickets, and the customer's CRM data (tools or fetched now).
        List<String> background = new ArrayList<>(tickets.section(turn.question(), turn.knowledgeBase()));
        CustomerContext.Prepared customer = customers.prepare(turn.caller(), answerer.usesPrompts());
        background.addAll(customer.background());
        Question question = new Question(turn.question(), hits, turn.history(), resolved, background,
                customer.tools());
        Answer answer = answerer.answer(question, new AnswerStream() {
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
        List<String> flags = new ArrayList<>(answer.flags());
        if (customer.unavailable()) {
            flags.add(CustomerContext.CRM_UNAVAILABLE);
        }
        List<String> storedFlags = new ArrayList<>(flags);
        if (events.closed()) {
            storedFlags.add(CLIENT_DISCONNECTED);
        }
        List<Citation> cited = citations.citations();
        conversations.addAnswer(new StoredAnswer(turn.answerId(), turn.conversationId(), turn.caller().tenantId(),
                answer.text(), cited, storedFlags, answer.confidence(), answer.model(), answer.promptTokens(),
                answer.completionTokens(), emptyToNull(turn.traceId()), resolved == null ? null : resolved.uses()));
        log.debug("Answered in conversation {} with {} citations, confidence {}, flags {}", turn.conversationId(),
                cited.size(), answer.confidence(), flags);
        events.done(new ChatPayloads.Done(answer.confidence(), false, flags, answer.model(),
                new ChatPayloads.Usage(answer.promptTokens(), answer.completionTokens(), answer.costUsd())));
        if (cacheKey != null) {
            answerCache.offer(cacheKey, turn.question(), answer.text(), cited, answer.confidence(), answer.model(),
                    answer.costUsd(), storedFlags, false);
        }
    }

    /** Streams a cached answer like a fresh one, flagged {@code cache_hit}; it costs no tokens. */
    private void answerFromCache(Turn turn, CachedAnswer cached, @Nullable ResolvedPrompts resolved,
            ChatEvents events) {
        events.token(cached.text());
        cached.citations().forEach(events::citation);
        List<String> flags = List.of(SemanticAnswerCache.CACHE_HIT);
        conversations.addAnswer(new StoredAnswer(turn.answerId(), turn.conversationId(), turn.caller().tenantId(),
                cached.text(), cached.citations(), flags, cached.confidence(), cached.model(), 0, 0,
                emptyToNull(turn.traceId()), resolved == null ? null : resolved.uses()));
        answerCache.served(cached);
        events.done(new ChatPayloads.Done(cached.confidence(), false, flags, cached.model(),
                new ChatPayloads.Usage(0, 0, 0)));
    }

    private static @Nullable String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
