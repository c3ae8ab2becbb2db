package org.supportrag.generation;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Generation settings, prefix {@code rag.generation}.
 *
 * @param retrievalUrl base URL of the retrieval service
 * @param retrievalConnectTimeout connect timeout of search calls
 * @param retrievalReadTimeout read timeout of search calls
 * @param topK chunks retrieved per question
 * @param maxMessageChars longest accepted customer message
 * @param streamTimeout how long an SSE answer may stay open
 * @param extractive the offline answerer
 * @param llm the LLM answerer
 * @param models the named LLMs the service may answer with, {@code rag.generation.models.<name>.*} (for example
 *               {@code primary} and {@code small}), in declaration order. Empty means no LLM: the offline
 *               extractive answerer answers
 */
@ConfigurationProperties("rag.generation")
public record GenerationProperties(
        @DefaultValue("http://127.0.0.1:8082") URI retrievalUrl,
        @DefaultValue("2s") Duration retrievalConnectTimeout,
        @DefaultValue("10s") Duration retrievalReadTimeout,
        @DefaultValue("5") int topK,
        @DefaultValue("4000") int maxMessageChars,
        @DefaultValue("3m") Duration streamTimeout,
        @DefaultValue Extractive extractive,
        @DefaultValue Llm llm,
        @DefaultValue Map<String, Model> models) {

    private static final Pattern MODEL_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    /** Who writes answers; a named model is written by {@code openai} or {@code ollama}. */
    public enum Provider {
        OPENAI, OLLAMA;

        /** The {@code gen_ai.system} of the provider's calls. */
        public String system() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public GenerationProperties {
        for (String name : models.keySet()) {
            if (!MODEL_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("rag.generation.models." + name
                        + ": model names must be 1-40 lower-case letters, digits or '-', starting with a letter");
            }
        }
        models = new LinkedHashMap<>(models);
        if (topK < 1 || topK > 20) {
            throw new IllegalArgumentException("rag.generation.top-k must be within 1..20, was " + topK);
        }
        if (maxMessageChars < 1) {
            throw new IllegalArgumentException("rag.generation.max-message-chars must be positive");
        }
    }

    /**
     * The extractive (offline) answerer.
     *
     * @param minSimilarity a sentence is only quoted when its cosine similarity to the question reaches this;
     *                      tuned for bge-small-en-v1.5 with its query instruction (related sentences score
     *                      about 0.7-0.85, unrelated ones 0.3-0.5)
     * @param rankWeight    share of the chunk's retrieval rank (1/rank) in a sentence's score
     * @param maxSentences  most sentences quoted in one answer
     * @param margin        further sentences must be within this similarity of the best one
     * @param maxCandidates most sentences embedded per question, in retrieval order
     * @param typeWeight    added to a sentence's score when it holds the kind of fact the question asks for (a
     *                      duration for "how long", a price for "how much"...)
     * @param lexicalWeight weight of the IDF-weighted share of the question's content words a sentence (with its
     *                      headings) contains
     * @param prefetch      embedding ahead the sentences of contexts that models answered
     */
    public record Extractive(
            @DefaultValue("0.60") double minSimilarity,
            @DefaultValue("0.15") double rankWeight,
            @DefaultValue("4") int maxSentences,
            @DefaultValue("0.12") double margin,
            @DefaultValue("120") int maxCandidates,
            @DefaultValue("0.08") double typeWeight,
            @DefaultValue("0.15") double lexicalWeight,
            @DefaultValue Prefetch prefetch) {

        public Extractive(double minSimilarity, double rankWeight, int maxSentences, double margin,
                int maxCandidates) {
            this(minSimilarity, rankWeight, maxSentences, margin, maxCandidates, 0.08, 0.15);
        }

        public Extractive(double minSimilarity, double rankWeight, int maxSentences, double margin,
                int maxCandidates, double typeWeight, double lexicalWeight) {
            this(minSimilarity, rankWeight, maxSentences, margin, maxCandidates, typeWeight, lexicalWeight,
                    Prefetch.defaults());
        }

        @ConstructorBinding
        public Extractive {
            if (minSimilarity <= 0 || minSimilarity >= 1) {
                throw new IllegalArgumentException("rag.generation.extractive.min-similarity must be within (0, 1)");
            }
            if (rankWeight < 0 || rankWeight >= 1) {
                throw new IllegalArgumentException("rag.generation.extractive.rank-weight must be within [0, 1)");
            }
            if (maxSentences < 1 || maxCandidates < 1) {
                throw new IllegalArgumentException(
                        "rag.generation.extractive.max-sentences and max-candidates must be positive");
            }
        }

        public static Extractive defaults() {
            return new Extractive(0.60, 0.15, 4, 0.12, 120, 0.08, 0.15);
        }
    }

    /**
     * Embedding ahead, in the background, the sentences the offline answerer would need for the contexts that models
     * answered, so that when every model fails at once the turns falling back to it find them cached.
     *
     * @param enabled whether to embed ahead at all
     * @param queue   most sentences waiting; more are dropped
     * @param pause   the rest between two batches of four sentences, so that turns' own embeddings go first
     */
    public record Prefetch(@DefaultValue("true") boolean enabled, @DefaultValue("2000") int queue,
            @DefaultValue("20ms") Duration pause) {

        public Prefetch {
            if (queue < 1 || pause.isNegative()) {
                throw new IllegalArgumentException(
                        "rag.generation.extractive.prefetch.queue must be positive and its pause not negative");
            }
        }

        public static Prefetch defaults() {
            return new Prefetch(true, 2000, Duration.ofMillis(20));
        }
    }

    /**
     * The LLM answerer. Of {@code rag.generation.llm} only {@code historyMessages} applies: the connection, timeouts
     * and prices are each model's ({@link Model}), carried in this record to its answerer.
     *
     * @param firstTokenTimeout the model's ({@code rag.generation.models.<name>.first-token-timeout}); not read here
     * @param idleTimeout the model's ({@code rag.generation.models.<name>.idle-timeout}); not read here
     * @param historyMessages earlier messages of the conversation sent along for follow-up questions
     * @param promptPricePerMillion the model's ({@code rag.generation.models.<name>.*}); not read here
     * @param completionPricePerMillion the model's; not read here
     */
    public record Llm(
            @DefaultValue("15s") Duration firstTokenTimeout,
            @DefaultValue("20s") Duration idleTimeout,
            @DefaultValue("6") int historyMessages,
            @DefaultValue("0") double promptPricePerMillion,
            @DefaultValue("0") double completionPricePerMillion) {

        public Llm {
            if (historyMessages < 0 || promptPricePerMillion < 0 || completionPricePerMillion < 0) {
                throw new IllegalArgumentException("rag.generation.llm history and prices must not be negative");
            }
        }
    }

    /**
     * One model endpoint.
     *
     * @param provider {@code openai} (any OpenAI-compatible API) or {@code ollama}
     * @param baseUrl the API root: for OpenAI-compatible APIs including {@code /v1}, for Ollama the server root
     * @param apiKey the provider's key (OpenAI-compatible only)
     * @param model the provider's model name, e.g. {@code gpt-4o-mini}
     * @param temperature sampling temperature; the provider's default when unset
     * @param firstTokenTimeout give up on the call when the first token takes longer
     * @param idleTimeout give up when the stream stalls this long between chunks
     * @param promptPricePerMillion USD per million prompt (input) tokens
     * @param completionPricePerMillion USD per million completion (output) tokens
     * @param cost relative cost rank for routing, lower is cheaper (default: by declaration order, the first
     *             declared model is the most expensive and the last one the cheapest)
     */
    public record Model(Provider provider, URI baseUrl, @Nullable String apiKey, String model,
            @Nullable Double temperature, @DefaultValue("15s") Duration firstTokenTimeout,
            @DefaultValue("20s") Duration idleTimeout, @DefaultValue("0") double promptPricePerMillion,
            @DefaultValue("0") double completionPricePerMillion, @Nullable Integer cost) {

        public Model {
            if (promptPricePerMillion < 0 || completionPricePerMillion < 0) {
                throw new IllegalArgumentException("model prices must not be negative");
            }
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("model must name the provider's model");
            }
        }
    }
}
