package org.supportrag.openai.wire;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/** Reads a message's content, a string or an array of typed parts, as its text. */
final class ContentText extends ValueDeserializer<String> {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        JsonNode content = context.readTree(parser);
        if (!content.isArray()) {
            return content.stringValue("");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content.values()) {
            text.append(part.path("text").stringValue(""));
        }
        return text.toString();
    }
}
