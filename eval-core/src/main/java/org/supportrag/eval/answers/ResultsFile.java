package org.supportrag.eval.answers;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes results files: one {@link CaseResult} per line. Reading requires interfaces.md's keys ({@code id,
 * type, answer_correct, citation_correct, escalated, confidence}); the others are optional.
 */
public final class ResultsFile {

    private final JsonMapper json;

    public ResultsFile(JsonMapper json) {
        this.json = json;
    }

    public ResultsFile() {
        this(JsonMapper.builder().build());
    }

    public String toLine(CaseResult result) {
        return json.writeValueAsString(result.toMap());
    }

    public List<CaseResult> read(Path file) {
        return lines().read(file);
    }

    public List<CaseResult> read(BufferedReader reader, String source) throws IOException {
        return lines().read(reader, source);
    }

    private JsonLines<CaseResult> lines() {
        return new JsonLines<>(json, this::parse, CaseResult::id, "no results");
    }

    private CaseResult parse(JsonNode node, String source, int number) {
        JsonNode id = node.get("id");
        if (id == null || !id.isString() || id.asString().isBlank()) {
            throw new AnswerDatasetException(source, number, "missing or empty 'id'");
        }
        String typeName = node.path("type").asString("");
        CaseType type = CaseType.fromWireName(typeName)
            .orElseThrow(() -> new AnswerDatasetException(source, number,
                    "missing or unknown 'type' (one of " + CaseType.wireNames() + ")"));
        for (String required : List.of("answer_correct", "citation_correct", "escalated", "confidence")) {
            if (!node.has(required)) {
                throw new AnswerDatasetException(source, number, "missing '" + required + "' (not a results file?)");
            }
        }
        JsonNode escalated = node.get("escalated");
        if (!escalated.isBoolean()) {
            throw new AnswerDatasetException(source, number, "'escalated' must be true or false");
        }
        List<AnswerCitation> citations = new ArrayList<>();
        for (JsonNode citation : node.path("citations")) {
            citations.add(new AnswerCitation(citation.path("index").asInt(0), null, null,
                    citation.path("title").asString(""), nullableText(citation, "url"), ""));
        }
        List<String> flags = new ArrayList<>();
        node.path("flags").forEach(flag -> flags.add(flag.asString()));
        List<String> missing = new ArrayList<>();
        node.path("missing_facts").forEach(fact -> missing.add(fact.asString()));
        return new CaseResult(id.asString(), type, bool(node, "answer_correct", source, number),
                bool(node, "citation_correct", source, number), escalated.asBoolean(),
                number(node, "confidence", source, number), node.path("declined").asBoolean(false),
                bool(node, "unanswerable_escalated", source, number), bool(node, "false_handover", source, number),
                bool(node, "wrongly_escalated", source, number), node.path("dangling_citations").asInt(0),
                number(node, "faithfulness", source, number), node.path("latency_ms").asDouble(0),
                node.path("prompt_tokens").asLong(0), node.path("completion_tokens").asLong(0),
                node.path("cost_usd").asDouble(0), flags, nullableText(node, "model"), nullableText(node, "error"),
                missing, node.path("answer").asString(""), citations, bool(node, "sources_retrieved", source, number),
                bool(node, "judge_correct", source, number), number(node, "judge_faithfulness", source, number));
    }

    private static @Nullable Boolean bool(JsonNode node, String field, String source, int number) {
        JsonNode value = JsonLines.optional(node, field, JsonNode::isBoolean, "true, false or null", source, number);
        return value == null ? null : value.asBoolean();
    }

    private static @Nullable Double number(JsonNode node, String field, String source, int number) {
        JsonNode value = JsonLines.optional(node, field, JsonNode::isNumber, "a number or null", source, number);
        return value == null ? null : value.asDouble();
    }

    private static @Nullable String nullableText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
