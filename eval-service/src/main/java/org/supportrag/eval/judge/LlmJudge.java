package org.supportrag.eval.judge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.supportrag.defaults.prompt.StringTemplates;
import org.supportrag.defaults.telemetry.GenAiObservationConvention;
import org.supportrag.defaults.telemetry.TenantTags;

/**
 * Asks the configured LLM for judgements: temperature 0, versioned prompt templates, every call's tokens and cost
 * recorded as operation {@code judge} (table {@code judge_usage} and the {@code rag_eval_judge_cost_usd} counter).
 */
final class LlmJudge {

    public static final String CORRECTNESS_PROMPT = "judge-correctness-v1";
    public static final String FAITHFULNESS_PROMPT = "judge-faithfulness-v1";

    private final ChatModel model;
    private final JudgeProperties properties;
    private final String correctness;
    private final String faithfulness;
    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    private final TenantTags tenants;

    LlmJudge(ChatModel model, JudgeProperties properties, Resource correctness, Resource faithfulness, JdbcClient jdbc,
            MeterRegistry meters, TenantTags tenants) {
        this.model = model;
        this.properties = properties;
        this.correctness = read(correctness);
        this.faithfulness = read(faithfulness);
        this.jdbc = jdbc;
        this.meters = meters;
        this.tenants = tenants;
    }

    static LlmJudge create(JudgeProperties properties, Resource correctness, Resource faithfulness, JdbcClient jdbc,
            MeterRegistry meters, TenantTags tenants, ObservationRegistry observations) {
        OpenAiChatOptions options = OpenAiChatOptions.builder()
            .baseUrl(String.valueOf(properties.baseUrl()))
            .apiKey(properties.apiKey() == null || properties.apiKey().isBlank() ? "not-configured"
                    : properties.apiKey())
            .model(properties.model())
            .temperature(0.0)
            .maxRetries(1)
            .timeout(properties.timeout())
            .build();
        OpenAiChatModel model = OpenAiChatModel.builder()
            .options(options)
            .observationRegistry(observations)
            .build();
        // Observed like every model call (span and gen_ai metrics, operation tag "judge"); content stays off.
        model.setObservationConvention(new GenAiObservationConvention("judge", "openai"));
        return new LlmJudge(model, properties, correctness, faithfulness, jdbc, meters, tenants);
    }

    /** One vote on correctness. */
    public record Vote(String verdict, String reason) {
    }

    /** One claim of a faithfulness judgement. */
    public record ClaimVerdict(String claim, boolean supported) {
    }

    public String model() {
        return properties.model();
    }

    /**
     * Correctness against the reference answer when there is one, else against the sources the answer had (a
     * grounded-correctness judgement, used to calibrate on live answers that have no reference).
     */
    Vote correctness(String tenant, String question, String answer, @Nullable String reference,
            List<String> sources) {
        boolean withReference = reference != null && !reference.isBlank();
        String prompt = StringTemplates.render(correctness, Map.of("question", question, "answer", answer,
                "evidence_heading", withReference ? "Reference answer (known to be right):" : "Sources:",
                "evidence_name", withReference ? "reference answer" : "sources", "evidence",
                withReference ? reference : String.join("\n---\n", sources)));
        String reply = call(tenant, prompt);
        String verdict = null;
        String reason = "";
        for (String line : reply.split("\\R")) {
            String trimmed = line.strip();
            String upper = trimmed.toUpperCase(Locale.ROOT);
            if (upper.startsWith("VERDICT:")) {
                String value = upper.substring("VERDICT:".length()).strip();
                verdict = value.startsWith("INCORRECT") ? "incorrect" : value.startsWith("CORRECT") ? "correct" : null;
            }
            else if (upper.startsWith("REASON:")) {
                reason = trimmed.substring("REASON:".length()).strip();
            }
        }
        // An unreadable reply counts against the answer: a judge that cannot say "correct" has not said it.
        return new Vote(verdict == null ? "incorrect" : verdict, verdict == null ? "unreadable judge reply" : reason);
    }

    /** Ragas' faithfulness: the answer's claims, each supported by the sources or not. */
    List<ClaimVerdict> faithfulness(String tenant, String answer, List<String> sources) {
        String prompt = StringTemplates.render(faithfulness, Map.of("answer", answer, "context",
                String.join("\n---\n", sources)));
        List<ClaimVerdict> claims = new ArrayList<>();
        for (String line : call(tenant, prompt).split("\\R")) {
            String trimmed = line.strip();
            String upper = trimmed.toUpperCase(Locale.ROOT);
            if (upper.startsWith("SUPPORTED:")) {
                claims.add(new ClaimVerdict(trimmed.substring("SUPPORTED:".length()).strip(), true));
            }
            else if (upper.startsWith("UNSUPPORTED:")) {
                claims.add(new ClaimVerdict(trimmed.substring("UNSUPPORTED:".length()).strip(), false));
            }
        }
        return claims;
    }

    private String call(String tenant, String prompt) {
        ChatResponse response = model.call(new Prompt(prompt));
        Usage usage = response.getMetadata().getUsage();
        int promptTokens = usage == null || usage.getPromptTokens() == null ? 0 : usage.getPromptTokens();
        int completionTokens = usage == null || usage.getCompletionTokens() == null ? 0 : usage.getCompletionTokens();
        double cost = (promptTokens * properties.promptPricePerMillion()
                + completionTokens * properties.completionPricePerMillion()) / 1_000_000;
        jdbc.sql("""
                INSERT INTO judge_usage (tenant_id, model, prompt_tokens, completion_tokens, cost_usd)
                VALUES (?, ?, ?, ?, ?)""")
            .params(tenant, properties.model(), promptTokens, completionTokens, BigDecimal.valueOf(cost))
            .update();
        Counter.builder("rag.eval.judge.cost")
            .baseUnit("usd")
            .description("What the LLM judge cost, operation judge")
            .tags(TenantTags.TAG, tenants.of(tenant), "model", properties.model(), "operation", "judge")
            .register(meters)
            .increment(cost);
        Counter.builder("rag.eval.judge.calls")
            .description("LLM judge calls")
            .tags(TenantTags.TAG, tenants.of(tenant), "model", properties.model(), "operation", "judge")
            .register(meters)
            .increment();
        String text = response.getResult() == null ? null : response.getResult().getOutput().getText();
        return text == null ? "" : text;
    }

    private static String read(Resource resource) {
        try {
            return resource.getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read judge prompt " + resource, ex);
        }
    }
}
