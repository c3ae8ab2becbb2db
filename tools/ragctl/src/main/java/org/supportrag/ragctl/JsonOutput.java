package org.supportrag.ragctl;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

/** Answers of the admin commands as indented JSON on stdout, for people and for jq. */
final class JsonOutput {

    private JsonOutput() {
    }

    static void print(Object answer) {
        if (answer instanceof JsonNode node && node.isMissingNode()) {
            return;
        }
        System.out.println(GatewayClient.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(answer));
    }
}
