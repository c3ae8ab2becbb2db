package org.supportrag.generation.guardrail;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Guardrail settings, prefix {@code rag.generation.guardrails}. Tenants override the lists and the blocked action
 * in the database ({@code PUT /api/v1/guardrails/policy}).
 *
 * @param enabled checks on or off for the whole service (off only for measurements)
 * @param bannedTopics phrases no answer may be about, for every tenant without its own list
 * @param offTopicTerms phrases of questions outside the support scope, for every tenant without its own list
 * @param blockedAction what a blocked question (injection, abuse, banned topic) does: {@code refuse} or
 *                      {@code escalate}
 * @param holdbackChars answer text reaches the customer word by word after the output checks; a trailing run of
 *                      number-like words (a phone or card number being written) is held back up to this many
 *                      characters so it is checked whole
 * @param policyCacheTtl how long a tenant's policy is cached per replica
 * @param chunkCacheSize retrieved chunks whose checks (indirect-injection verdict, personal data and identifiers
 *                       found in them) are kept per replica, by a digest of the text: the same chunks come back
 *                       turn after turn and checking one costs milliseconds of CPU before the first token; 0 checks
 *                       every chunk of every turn
 * @param moderation the optional external moderation API
 */
@ConfigurationProperties("rag.generation.guardrails")
record GuardrailProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue List<String> bannedTopics,
        @DefaultValue List<String> offTopicTerms,
        @DefaultValue("refuse") String blockedAction,
        @DefaultValue("160") int holdbackChars,
        @DefaultValue("10s") Duration policyCacheTtl,
        @DefaultValue("4096") int chunkCacheSize,
        @DefaultValue Moderation moderation) {

    public GuardrailProperties {
        // Empty environment variables bind as one empty entry.
        bannedTopics = bannedTopics.stream().filter(term -> !term.isBlank()).map(String::strip).toList();
        offTopicTerms = offTopicTerms.stream().filter(term -> !term.isBlank()).map(String::strip).toList();
        if (!TenantPolicy.REFUSE.equals(blockedAction) && !TenantPolicy.ESCALATE.equals(blockedAction)) {
            throw new IllegalArgumentException("rag.generation.guardrails.blocked-action must be refuse or escalate");
        }
        if (holdbackChars < 40) {
            throw new IllegalArgumentException("rag.generation.guardrails.holdback-chars must be at least 40");
        }
        if (chunkCacheSize < 0) {
            throw new IllegalArgumentException("rag.generation.guardrails.chunk-cache-size must be >= 0");
        }
    }

    /**
     * An OpenAI-compatible moderation endpoint ({@code POST {"input": text}} answering
     * {@code {"results":[{"flagged":bool}]}}), called with the redacted question.
     *
     * @param enabled off by default
     * @param url the endpoint, e.g. {@code https://api.openai.com/v1/moderations}
     * @param apiKey sent as a bearer token when set
     * @param model sent as {@code model} when set
     * @param timeout a slower answer counts as a failure
     * @param failClosed on failure refuse the question (true) or let it through (false)
     */
    public record Moderation(
            @DefaultValue("false") boolean enabled,
            @Nullable URI url,
            @Nullable String apiKey,
            @Nullable String model,
            @DefaultValue("2s") Duration timeout,
            @DefaultValue("false") boolean failClosed) {

        public Moderation {
            if (url != null && url.toString().isBlank()) {
                url = null;
            }
            if (model != null && model.isBlank()) {
                model = null;
            }
            if (enabled && url == null) {
                throw new IllegalArgumentException("rag.generation.guardrails.moderation.url is required when enabled");
            }
        }
    }
}
