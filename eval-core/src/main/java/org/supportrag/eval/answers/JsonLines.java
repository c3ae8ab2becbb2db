package org.supportrag.eval.answers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON Lines file of records with unique ids: one JSON object per line, blank lines skipped. The first
 * problem fails the whole file with its line number; the line's text is never quoted (it may be customer text).
 */
final class JsonLines<T> {

    /** Turns one line's JSON object into a record; {@code number} is for error messages only. */
    interface LineParser<T> {
        T parse(JsonNode object, String source, int number);
    }

    private final JsonMapper json;
    private final LineParser<T> parser;
    private final Function<T, String> id;
    private final String noRecords;

    /**
     * @param id the record's id, unique within a file
     * @param noRecords the problem when a file has no record, e.g. {@code "no cases"}
     */
    JsonLines(JsonMapper json, LineParser<T> parser, Function<T, String> id, String noRecords) {
        this.json = json;
        this.parser = parser;
        this.id = id;
        this.noRecords = noRecords;
    }

    List<T> read(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + file, ex);
        }
    }

    /** Reads every record from {@code reader}; {@code source} names it in error messages. */
    List<T> read(BufferedReader reader, String source) throws IOException {
        List<T> records = new ArrayList<>();
        Map<String, Integer> firstLineOfId = new HashMap<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            T parsed = parseLine(line, source, number);
            String recordId = id.apply(parsed);
            Integer earlier = firstLineOfId.putIfAbsent(recordId, number);
            if (earlier != null) {
                throw new AnswerDatasetException(source, number,
                        "duplicate id '" + recordId + "' (first on line " + earlier + ")");
            }
            records.add(parsed);
        }
        if (records.isEmpty()) {
            throw new AnswerDatasetException(source, 0, noRecords + " (one JSON object per line expected)");
        }
        return records;
    }

    T parseLine(String line, String source, int number) {
        JsonNode node;
        try {
            node = json.readTree(line);
        }
        catch (JacksonException ex) {
            throw new AnswerDatasetException(source, number, "not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new AnswerDatasetException(source, number, "not a JSON object");
        }
        return parser.parse(node, source, number);
    }

    /**
     * The object's {@code field} when it is what {@code expected} describes; null when absent or JSON null. Any other
     * value fails the line: "'field' must be {@code expected}".
     */
    static @Nullable JsonNode optional(JsonNode object, String field, Predicate<JsonNode> wanted, String expected,
            String source, int number) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!wanted.test(value)) {
            throw new AnswerDatasetException(source, number, "'" + field + "' must be " + expected);
        }
        return value;
    }
}
