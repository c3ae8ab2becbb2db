package org.supportrag.generation.guardrail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import org.supportrag.defaults.privacy.PiiRedactor;
import org.supportrag.defaults.privacy.Redactor;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.answer.AnswerStream;
import org.supportrag.generation.answer.Question;
import org.supportrag.generation.prompt.PromptNames;
import org.supportrag.generation.prompt.ResolvedPrompts;
import org.supportrag.generation.texts.CustomerText;
import org.supportrag.generation.texts.CustomerTexts;
import org.supportrag.defaults.resilience.RemoteCalls;

/**
 * The guardrails of a chat turn, all in-process: {@link #checkInput} before retrieval, {@link #screenContext} on
 * the retrieved chunks, {@link #output} around the answer stream. The external moderation API, when enabled, is the
 * only remote call.
 */
@Component
public class Guardrails {

    private static final String BUNDLED_SYSTEM_PROMPT = "classpath:prompts/answer-system.st";
    private static final int MAX_PROMPT_CACHE = 64;

    private final GuardrailProperties properties;
    private final TenantPolicies policies;
    private final PiiRedactor redactor;
    private final ModerationClient moderation;
    private final PersonRequests personRequests;
    private final CustomerTexts texts;
    private final Set<String> bundledPromptShingles;
    private final Map<String, Set<String>> promptShingles = new ConcurrentHashMap<>();
    // Derived from retrieved chunks' texts alone, reused while the same chunks keep coming back.
    private final ChunkTextCache<Boolean> screened;
    private final ChunkTextCache<List<String>> personalData;
    private final ChunkTextCache<Set<String>> identifiers;

    Guardrails(GuardrailProperties properties, TenantPolicies policies, PiiRedactor redactor, RestClient.Builder rest,
            ResourceLoader resources, PersonRequests personRequests, CustomerTexts texts, RemoteCalls remoteCalls,
            ObjectProvider<MeterRegistry> meters) {
        this.personRequests = personRequests;
        this.texts = texts;
        this.properties = properties;
        this.redactor = redactor;
        this.policies = policies;
        this.moderation = new ModerationClient(rest, properties.moderation(), remoteCalls);
        this.screened = new ChunkTextCache<>("context-screen", properties.chunkCacheSize(),
                InjectionDetector::indirect);
        this.personalData = new ChunkTextCache<>("context-personal-data", properties.chunkCacheSize(),
                text -> List.copyOf(redactor.values(text)));
        this.identifiers = new ChunkTextCache<>("context-identifiers", properties.chunkCacheSize(),
                text -> Collections.unmodifiableSet(TicketIdentifiers.of(text, redactor)));
        meters.ifAvailable(registry -> List.of(screened, personalData, identifiers)
            .forEach(cache -> cache.monitor(registry)));
        try {
            String prompt = resources.getResource(BUNDLED_SYSTEM_PROMPT).getContentAsString(StandardCharsets.UTF_8);
            this.bundledPromptShingles = Shingles.of(InjectionDetector.normalize(prompt));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The redactor, for features that store or send text (e.g. the interaction log). */
    public Redactor redactor() {
        return redactor;
    }

    public TenantPolicy policy(String tenantId) {
        return policies.of(tenantId);
    }

    /**
     * Redacts personal data from the question and the history, then applies the input policy: a request for a
     * person escalates; injection, abuse, banned topics and moderation hits are refused (or escalated, per tenant);
     * off-topic questions are refused.
     */
    public InputVerdict checkInput(String tenantId, String question, List<Question.PriorMessage> history) {
        return checkInput(tenantId, question, history, null);
    }

    /** @param visitorLanguage the language the visitor's request named, for the refusal texts; null: none */
    public InputVerdict checkInput(String tenantId, String question, List<Question.PriorMessage> history,
            @Nullable Locale visitorLanguage) {
        return checkInput(tenantId, policies.of(tenantId), question, history, visitorLanguage);
    }

    InputVerdict checkInput(TenantPolicy policy, String question, List<Question.PriorMessage> history) {
        return checkInput(null, policy, question, history, null);
    }

    private InputVerdict checkInput(@Nullable String tenantId, TenantPolicy policy, String question,
            List<Question.PriorMessage> history, @Nullable Locale visitorLanguage) {
        if (!properties.enabled()) {
            return new InputVerdict(question, history, List.of(), InputVerdict.Action.ANSWER, null, null, policy);
        }
        List<String> flags = new ArrayList<>();
        Redactor.Redaction redaction = redactor.scan(question);
        if (redaction.redacted()) {
            flags.add(GuardrailFlags.PII_REDACTED);
        }
        String safe = redaction.text();
        List<Question.PriorMessage> safeHistory = history.stream()
            .map(prior -> prior.withContent(redactor.redact(prior.content())))
            .toList();
        String normalized = InjectionDetector.normalize(safe);
        if (personRequests.asksForPerson(safe)) {
            return new InputVerdict(safe, safeHistory, flags, InputVerdict.Action.ESCALATE, null,
                    InputVerdict.CUSTOMER_REQUEST, policy);
        }
        String blocked = null;
        CustomerText reply = null;
        // The canonical override phrases first; the classifier (on the text as typed) after the tenant's term
        // lists, so a plain off-topic request ("write me a poem") is refused as off-topic, not as an attack.
        if (InjectionDetector.matchesDirectRules(question)) {
            blocked = GuardrailFlags.PROMPT_INJECTION;
            reply = CustomerText.GUARDRAIL_INJECTION;
        }
        else if (TopicPolicy.abusive(normalized)) {
            blocked = GuardrailFlags.ABUSE;
            reply = CustomerText.GUARDRAIL_ABUSE;
        }
        else if (TopicPolicy.firstTerm(normalized, policy.bannedTopics()) != null) {
            blocked = GuardrailFlags.BANNED_TOPIC;
            reply = CustomerText.GUARDRAIL_BANNED;
        }
        else if (TopicPolicy.offTopic(normalized, policy.offTopicTerms())) {
            flags.add(GuardrailFlags.OFF_TOPIC);
            return new InputVerdict(safe, safeHistory, flags, InputVerdict.Action.REFUSE,
                    texts.forMessage(CustomerText.GUARDRAIL_OFF_TOPIC, tenantId, question, visitorLanguage), null,
                    policy);
        }
        else if (InjectionDetector.classified(question)) {
            blocked = GuardrailFlags.PROMPT_INJECTION;
            reply = CustomerText.GUARDRAIL_INJECTION;
        }
        else if (moderation.enabled()) {
            ModerationClient.Result result = moderation.check(safe);
            if (result == ModerationClient.Result.FLAGGED) {
                blocked = GuardrailFlags.MODERATION_FLAGGED;
                reply = CustomerText.GUARDRAIL_MODERATION;
            }
            else if (result == ModerationClient.Result.UNAVAILABLE && moderation.failClosed()) {
                flags.add(GuardrailFlags.MODERATION_UNAVAILABLE);
                return new InputVerdict(safe, safeHistory, flags, InputVerdict.Action.REFUSE,
                        texts.forMessage(CustomerText.GUARDRAIL_MODERATION_UNAVAILABLE, tenantId, question,
                                visitorLanguage), null, policy);
            }
        }
        if (blocked == null) {
            return new InputVerdict(safe, safeHistory, flags, InputVerdict.Action.ANSWER, null, null, policy);
        }
        flags.add(blocked);
        if (policy.escalatesBlocked()) {
            return new InputVerdict(safe, safeHistory, flags, InputVerdict.Action.ESCALATE, null,
                    InputVerdict.GUARDRAIL, policy);
        }
        return new InputVerdict(safe, safeHistory, flags, InputVerdict.Action.REFUSE,
                reply == null ? null : texts.forMessage(reply, tenantId, question, visitorLanguage), null, policy);
    }

    /**
     * Leaves out retrieved chunks that carry instructions for the assistant (indirect prompt injection); a text
     * screened before keeps its verdict ({@link ChunkTextCache}).
     */
    public ContextScreen screenContext(List<SearchHit> hits) {
        if (!properties.enabled()) {
            return new ContextScreen(hits, 0, List.of());
        }
        List<SearchHit> kept = new ArrayList<>(hits.size());
        for (SearchHit hit : hits) {
            if (!screened.get(hit.text()) && !screened.get(hit.title())) {
                kept.add(hit);
            }
        }
        int dropped = hits.size() - kept.size();
        return new ContextScreen(kept, dropped, dropped == 0 ? List.of() : List.of(GuardrailFlags.PROMPT_INJECTION));
    }

    /**
     * Wraps the answer stream with the output checks. {@code context} are the chunks the answer may cite, in
     * citation order; personal data found in documentation chunks (a support address, a hotline) may appear in the
     * answer, identifiers found only in ticket chunks may not.
     */
    public OutputFilter output(TenantPolicy policy, List<SearchHit> context, @Nullable ResolvedPrompts prompts,
            AnswerStream downstream) {
        return output(policy, context, List.of(), List.of(), prompts, downstream);
    }

    /**
     * Like {@link #output(TenantPolicy, List, ResolvedPrompts, AnswerStream)}, knowing more of the turn: identifiers
     * in other customers' tickets ({@code context} chunks of kind ticket and the {@code pastCases} shown to the
     * model) that are not in {@code customerTexts} (the customer's own messages and CRM data) nor in documentation
     * chunks are replaced in the answer and flagged {@code ticket_identifier}.
     */
    public OutputFilter output(TenantPolicy policy, List<SearchHit> context, List<SearchHit> pastCases,
            List<String> customerTexts, @Nullable ResolvedPrompts prompts, AnswerStream downstream) {
        if (!properties.enabled()) {
            return new OutputFilter(downstream, Integer.MAX_VALUE, List.of(), List.of(), Set.of(), Set::of, null,
                    properties.holdbackChars());
        }
        Set<String> allowed = new LinkedHashSet<>();
        List<String> tickets = new ArrayList<>();
        List<String> documents = new ArrayList<>();
        for (SearchHit hit : context) {
            if (hit.ticket()) {
                tickets.add(hit.text());
            }
            else {
                allowed.addAll(personalData.get(hit.text()));
                documents.add(hit.text());
            }
        }
        pastCases.forEach(hit -> tickets.add(hit.text()));
        customerTexts.forEach(text -> allowed.addAll(redactor.values(text)));
        // TicketIdentifiers.foreign(tickets, documents + customerTexts), with the chunks' identifiers reused.
        Set<String> foreign = new LinkedHashSet<>();
        tickets.forEach(text -> foreign.addAll(identifiers.get(text)));
        if (!foreign.isEmpty()) {
            documents.forEach(text -> foreign.removeAll(identifiers.get(text)));
            customerTexts.forEach(text -> foreign.removeAll(TicketIdentifiers.of(text, redactor)));
        }
        Set<String> systemShingles = shinglesOf(prompts);
        return new OutputFilter(downstream, context.size(), List.copyOf(allowed), policy.bannedTopics(),
                systemShingles, new LazyShingles(context), redactor, foreign, properties.holdbackChars());
    }

    /** Shingles of the retrieved chunks, computed only when an answer sentence resembles the system prompt. */
    private static final class LazyShingles implements java.util.function.Supplier<Set<String>> {

        private final List<SearchHit> context;
        private @Nullable Set<String> shingles;

        LazyShingles(List<SearchHit> context) {
            this.context = context;
        }

        @Override
        public Set<String> get() {
            Set<String> result = shingles;
            if (result == null) {
                result = new HashSet<>();
                for (SearchHit hit : context) {
                    result.addAll(Shingles.of(InjectionDetector.normalize(hit.text())));
                }
                shingles = result;
            }
            return result;
        }
    }

    private Set<String> shinglesOf(@Nullable ResolvedPrompts prompts) {
        if (prompts == null || !prompts.prompts().containsKey(PromptNames.ANSWER_SYSTEM)) {
            return bundledPromptShingles;
        }
        String body = prompts.body(PromptNames.ANSWER_SYSTEM);
        if (promptShingles.size() > MAX_PROMPT_CACHE) {
            promptShingles.clear();
        }
        return promptShingles.computeIfAbsent(body, text -> Shingles.of(InjectionDetector.normalize(text)));
    }
}
