package org.supportrag.ragctl;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.BiConsumer;

/** A minimal server-sent events parser: {@code event:} and {@code data:} fields, events end at a blank line. */
final class SseParser {

    private SseParser() {
    }

    static void parse(BufferedReader reader, BiConsumer<String, String> onEvent) throws IOException {
        String event = "message";
        StringBuilder data = new StringBuilder();
        boolean hasData = false;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (hasData) {
                    onEvent.accept(event, data.toString());
                }
                event = "message";
                data.setLength(0);
                hasData = false;
            }
            else if (line.startsWith("event:")) {
                event = value(line, 6);
            }
            else if (line.startsWith("data:")) {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value(line, 5));
                hasData = true;
            }
        }
        if (hasData) {
            onEvent.accept(event, data.toString());
        }
    }

    private static String value(String line, int prefix) {
        String value = line.substring(prefix);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
