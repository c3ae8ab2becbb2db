package org.supportrag.ingestion.format;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Structured rows: CSV with a header line, or JSON Lines of flat objects; values as strings, columns in order. */
public final class RowFiles {

    public static final int MAX_ROWS = 10_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RowFiles() {
    }

    public static List<Map<String, String>> readCsv(String content) throws UnreadableFileException {
        List<Map<String, String>> rows = new ArrayList<>();
        try {
            for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .get()
                .parse(new StringReader(content))) {
                Map<String, String> row = new LinkedHashMap<>();
                record.toMap().forEach(row::put);
                // toMap loses the column order: restore it from the header.
                Map<String, String> ordered = new LinkedHashMap<>();
                for (String name : record.getParser().getHeaderNames()) {
                    ordered.put(name, row.getOrDefault(name, ""));
                }
                add(rows, ordered);
            }
        }
        catch (IOException | IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException ex) {
            throw new UnreadableFileException("invalid CSV");
        }
        return requireRows(rows);
    }

    public static List<Map<String, String>> readJsonLines(String content) throws UnreadableFileException {
        List<Map<String, String>> rows = new ArrayList<>();
        int number = 0;
        for (String line : content.split("\n")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            }
            catch (JacksonException ex) {
                throw new UnreadableFileException("invalid JSON on line " + number);
            }
            if (!node.isObject()) {
                throw new UnreadableFileException("line " + number + " is not a JSON object");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode value = field.getValue();
                row.put(field.getKey(), value.isValueNode() ? value.asString("") : value.toString());
            }
            add(rows, row);
        }
        return requireRows(rows);
    }

    private static void add(List<Map<String, String>> rows, Map<String, String> row) throws UnreadableFileException {
        if (rows.size() >= MAX_ROWS) {
            throw new UnreadableFileException("too many rows (at most " + MAX_ROWS + " per file)");
        }
        rows.add(row);
    }

    private static List<Map<String, String>> requireRows(List<Map<String, String>> rows) throws UnreadableFileException {
        if (rows.isEmpty()) {
            throw new UnreadableFileException("no rows");
        }
        return rows;
    }
}
