package org.supportrag.generation.guardrail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.answer.AnswerStream;
import org.supportrag.generation.answer.Question;
import org.supportrag.generation.prompt.PromptNames;
import org.supportrag.generation.prompt.ResolvedPrompts;

/**
 * The guardrails of a chat turn, all in-process: {@link #checkInput} before retrieval, {@link #screenContext} on
 * the retrieved chunks, {@link #output} around the answer stream. The external moderation API, when enabled, is the
 * only remote call.
 */
@Component
public class Guardrails {

    static final String INJECTION_REPLY = "I can only help with questions about our products and services, and I "
            + "can't change how I work. What can I help you with?";
    static final String ABUSE_REPLY = "I'm here to help, and I'd like to keep our conversation respectful. What can "
            + "I help you with?";
    static final String OFF_TOPIC_REPLY = "I can only help with questions about our products and services. Is there "
            + "something about your account, orders or our help center I can help with?";
    static final String BANNED_REPLY = "I'm sorry, I can't help with that topic here. If you need more help, our "
            + "support team is happy to assist.";
    static final String MODERATION_REPLY = "I'm sorry, I can't help with that request.";
    static final String MODERATION_UNAVAILABLE_REPLY = "I'm sorry, I can't answer right now. Please try again in a "
            + "moment.";

    private static final String BUNDLED_SYSTEM_PROMPT = "classpath:prompts/answer-system.st";
    private static final int MAX_PROMPT_CACHE = 64;

    private final GuardrailProperties properties;
    private final TenantPolicies policies;
    private final PiiRedactor redactor;
    private final ModerationClient moderation;
    private final PersonRequests personRequests;
    private final Set<String> bundledPromptShingles;
    private final Map<String, Set<String>> promptShingles = new ConcurrentHashMap<>();

    Guardrails(GuardrailProperties properties, TenantPolicies policies, PiiRedactor redactor, RestClient.Builder rest,
            ResourceLoader resources, PersonRequests personRequests) {
        this.personRequests = personRequests;
        this.properties = properties;
        this.redactor = redactor;
        this.policies = policies;
        this.moderation = new ModerationClient(rest, properties.moderation());
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
        return checkInput(policies.of(tenantId), question, history);
    }

    InputVerdict checkInput(TenantPolicy policy, String question, List<Question.PriorMessage> history) {
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
            .map(prior -> new Question.PriorMessage(prior.fromCustomer(), redactor.redact(prior.content())))
            .toList();
        String normalized = InjectionDetector.normalize(safe);
        if (personRequests.asksForPerson(safe)) {
            return new InputVerdict(safe, safeHistory, flags, InputVerdict.Action.ESCALATE, null,
                    InputVerdict.CUSTOMER_REQUEST, policy);
        }
        String blocked = null;
        String reply = null;
        if (InjectionDetector.direct(safe)) {
            blocked = GuardrailFlags.PROMPT_INJECTION;
            reply = INJECTION_REPLY;
        }
        else if (TopicPolicy.abusive(normalized)) {
            blocked = GuardrailFlags.ABUSE;
            reply = ABUSE_REPLY;
        }
        else if (TopicPolicy.firstTerm(normalized, policy.bannedTopics()) != null) {
            blocked = GuardrailFlags.BANNED_TOPIC;
            reply = BANNED_REPLY;
        }
        else if (TopicPolicy.offTopic(normalized, policy.offTopicTerms())) {
            flags.add(GuardrailFlags.OFF_TOPIC);
            return new InputVerdict(safe, safeHistory, flags, InputVerdict.Action.REFUSE, OFF_TOPIC_REPLY, null,
                    policy);
        }
        else if (moderation.enabled()) {
            ModerationClient.Result result = moderation.check(safe);
            if (result == ModerationClient.Result.FLAGGED) {
                blocked = GuardrailFlags.MODERATION_FLAGGED;
                reply = MODERATION_REPLY;
            }
            else if (result == ModerationClient.Result.UNAVAILABLE && moderation.failClosed()) {
                flags.add(GuardrailFlags.MODERATION_UNAVAILABLE);
                return new InputVerdict(safe, safeHistory, flags, InputVerdict.Action.REFUSE,
                        MODERATION_UNAVAILABLE_REPLY, null, policy);
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
        return new InputVerdict(safe, safeHistory, flags, InputVerdict.Action.REFUSE, reply, null, policy);
    }

    /** Leaves out retrieved chunks that carry instructions for the assistant (indirect prompt injection). */
    public ContextScreen screenContext(List<SearchHit> hits) {
        if (!properties.enabled()) {
            return new ContextScreen(hits, 0, List.of());
        }
        List<SearchHit> kept = new ArrayList<>(hits.size());
        for (SearchHit hit : hits) {
            if (!InjectionDetector.indirect(hit.text()) && !InjectionDetector.indirect(hit.title())) {
                kept.add(hit);
            }
        }
        int dropped = hits.size() - kept.size();
        return new ContextScreen(kept, dropped, dropped == 0 ? List.of() : List.of(GuardrailFlags.PROMPT_INJECTION));
    }

    /**
     * Wraps the answer stream with the output checks. {@code context} are the chunks the answer may cite, in
     * citation order; personal data found in them (a support address, a hotline) may appear in the answer.
     */
    public OutputFilter output(TenantPolicy policy, List<SearchHit> context, @Nullable ResolvedPrompts prompts,
            AnswerStream downstream) {
        if (!properties.enabled()) {
            return new OutputFilter(downstream, Integer.MAX_VALUE, List.of(), List.of(), Set.of(), Set::of, null,
                    properties.holdbackChars());
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (SearchHit hit : context) {
            allowed.addAll(redactor.values(hit.text()));
        }
        Set<String> systemShingles = shinglesOf(prompts);
        return new OutputFilter(downstream, context.size(), List.copyOf(allowed), policy.bannedTopics(),
                systemShingles, new LazyShingles(context), redactor, properties.holdbackChars());
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
