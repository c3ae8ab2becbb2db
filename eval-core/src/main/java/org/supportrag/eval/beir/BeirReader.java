package org.supportrag.eval.beir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import lombok.RequiredArgsConstructor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a BEIR dataset directory. The corpus is streamed (it can be large); queries and qrels fit in memory. Malformed
 * input fails with the file and line number, never with the line's text.
 */
@RequiredArgsConstructor
public final class BeirReader {

    private final JsonMapper json;

    /** Calls {@code consumer} with each document of {@code dir/corpus.jsonl}, in file order. */
    public void readCorpus(Path dir, Consumer<BeirDocument> consumer) {
        forEachJsonLine(dir.resolve("corpus.jsonl"), node -> consumer.accept(
                new BeirDocument(requiredText(node, "_id"), node.path("title").asString(""),
                        requiredText(node, "text"))));
    }

    /** The queries of {@code dir/queries.jsonl} by id, in file order. */
    public Map<String, BeirQuery> readQueries(Path dir) {
        Map<String, BeirQuery> queries = new LinkedHashMap<>();
        forEachJsonLine(dir.resolve("queries.jsonl"), node -> {
            List<BeirQuery.Turn> context = new ArrayList<>();
            for (JsonNode turn : node.path("metadata").path("context")) {
                context.add(new BeirQuery.Turn(requiredText(turn, "speaker"), requiredText(turn, "text")));
            }
            BeirQuery query = new BeirQuery(requiredText(node, "_id"), requiredText(node, "text"), context);
            queries.put(query.id(), query);
        });
        return queries;
    }

    /**
     * The judgements of {@code dir/qrels/<split>.tsv} (header line, then {@code query-id corpus-id score}, tab
     * separated): query id to document id to grade, in file order.
     */
    public Map<String, Map<String, Integer>> readQrels(Path dir, String split) {
        if (!split.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("Invalid split name");
        }
        Path file = dir.resolve("qrels").resolve(split + ".tsv");
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            if (line == null || !line.startsWith("query-id")) {
                throw new BeirFormatException(file, 1, "missing header line 'query-id\tcorpus-id\tscore'");
            }
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != 3) {
                    throw new BeirFormatException(file, number, "expected 3 tab-separated fields");
                }
                int grade;
                try {
                    grade = Integer.parseInt(fields[2].strip());
                }
                catch (NumberFormatException ex) {
                    throw new BeirFormatException(file, number, "score is not an integer");
                }
                qrels.computeIfAbsent(fields[0], id -> new LinkedHashMap<>()).put(fields[1], grade);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + file, ex);
        }
        return qrels;
    }

    private void forEachJsonLine(Path file, Consumer<JsonNode> consumer) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(line);
                }
                catch (JacksonException ex) {
                    throw new BeirFormatException(file, number, "not a JSON object");
                }
                if (!node.isObject()) {
                    throw new BeirFormatException(file, number, "not a JSON object");
                }
                try {
                    consumer.accept(node);
                }
                catch (MissingFieldException ex) {
                    throw new BeirFormatException(file, number, "missing or non-text field '" + ex.field + "'");
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + file, ex);
        }
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !(value.isString() || value.isNumber())) {
            throw new MissingFieldException(field);
        }
        return value.asString();
    }

    /** Signals a missing field up to the line loop, which knows the line number. */
    private static final class MissingFieldException extends RuntimeException {

        private final String field;

        MissingFieldException(String field) {
            super(null, null, false, false);
            this.field = field;
        }
    }
}
