package org.supportrag.eval.answers;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and validates an answer-level dataset (JSONL, one case per line, blank lines skipped). The first problem
 * fails the whole file with its line number and what is wrong; customer text is never quoted in the message.
 * Fields beyond the format's are kept as the case's metadata.
 */
public final class AnswerDatasetReader {

    private static final Set<String> KNOWN = Set.of("id", "type", "turns", "facts", "sources", "reference",
            "knowledgeBase", "metadata");

    private final JsonMapper json;

    public AnswerDatasetReader(JsonMapper json) {
        this.json = json;
    }

    public AnswerDatasetReader() {
        this(JsonMapper.builder().build());
    }

    public List<AnswerCase> read(Path file) {
        return lines().read(file);
    }

    /** Reads every case from {@code reader}; {@code source} names it in error messages. */
    public List<AnswerCase> read(BufferedReader reader, String source) throws IOException {
        return lines().read(reader, source);
    }

    /** Parses one line; {@code number} is used in error messages only. */
    public AnswerCase parseLine(String line, String source, int number) {
        return lines().parseLine(line, source, number);
    }

    private JsonLines<AnswerCase> lines() {
        return new JsonLines<>(json, this::parse, AnswerCase::id, "no cases");
    }

    /** Validates one case given as a JSON object. */
    public AnswerCase parse(JsonNode node, String source, int number) {
        String id = text(node, "id", source, number);
        if (id == null || id.isBlank()) {
            throw new AnswerDatasetException(source, number, "missing or empty 'id'");
        }
        String typeName = text(node, "type", source, number);
        if (typeName == null) {
            throw new AnswerDatasetException(source, number, "missing 'type' (one of " + CaseType.wireNames() + ")");
        }
        CaseType type = CaseType.fromWireName(typeName)
            .orElseThrow(() -> new AnswerDatasetException(source, number,
                    "unknown type '" + typeName + "' (one of " + CaseType.wireNames() + ")"));
        List<String> turns = strings(node, "turns", source, number);
        if (turns.isEmpty()) {
            throw new AnswerDatasetException(source, number, "'turns' must hold at least one message");
        }
        for (int i = 0; i < turns.size(); i++) {
            if (turns.get(i).isBlank()) {
                throw new AnswerDatasetException(source, number, "turns[" + i + "] is empty");
            }
        }
        List<String> facts = strings(node, "facts", source, number);
        for (int i = 0; i < facts.size(); i++) {
            try {
                AnswerCase.compileFact(facts.get(i));
            }
            catch (PatternSyntaxException ex) {
                throw new AnswerDatasetException(source, number,
                        "facts[" + i + "] is not a valid regular expression: " + ex.getDescription());
            }
        }
        List<String> sources = strings(node, "sources", source, number);
        String reference = text(node, "reference", source, number);
        String knowledgeBase = text(node, "knowledgeBase", source, number);
        Map<String, Object> metadata = new LinkedHashMap<>();
        JsonNode declared = node.get("metadata");
        if (declared != null && !declared.isNull()) {
            if (!declared.isObject()) {
                throw new AnswerDatasetException(source, number, "'metadata' must be a JSON object");
            }
            metadata.putAll(asMap(declared));
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!KNOWN.contains(field.getKey())) {
                metadata.put(field.getKey(), json.convertValue(field.getValue(), Object.class));
            }
        }
        return new AnswerCase(id, type, turns, facts, sources, reference, knowledgeBase, metadata);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(JsonNode node) {
        return json.convertValue(node, Map.class);
    }

    private static @Nullable String text(JsonNode node, String field, String source, int number) {
        JsonNode value = JsonLines.optional(node, field, JsonNode::isString, "a string", source, number);
        return value == null ? null : value.asString();
    }

    private static List<String> strings(JsonNode node, String field, String source, int number) {
        JsonNode value = JsonLines.optional(node, field, JsonNode::isArray, "an array of strings", source, number);
        if (value == null) {
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isString()) {
                throw new AnswerDatasetException(source, number,
                        "'" + field + "' must be an array of strings (element " + strings.size() + " is not)");
            }
            strings.add(element.asString());
        }
        return strings;
    }
}
