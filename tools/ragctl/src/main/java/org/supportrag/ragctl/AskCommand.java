package org.supportrag.ragctl;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "Asks the assistant a question as the chat widget does, prints the answer as it streams in, "
                + "then its numbered sources and the conversation id (to continue with --conversation).")
final class AskCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUESTION", description = "The question.")
    String question = "";

    @Option(names = "--conversation", paramLabel = "ID", description = "Continue this conversation.")
    @Nullable String conversationId;

    @Option(names = "--widget-key", defaultValue = "demo-widget-key", paramLabel = "KEY",
            description = "Widget key the chat API is called with (default: ${DEFAULT-VALUE}).")
    String widgetKey = "demo-widget-key";

    GatewayOptions gateway() {
        return GatewayOptions.of(spec);
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        List<JsonNode> citations = new ArrayList<>();
        String[] conversation = { conversationId };
        JsonNode[] done = { null };
        JsonNode[] error = { null };
        gateway().client().chat(widgetKey, question, conversationId, (event, data) -> {
            switch (event) {
                case "meta" -> conversation[0] = data.path("conversationId").asString(conversation[0]);
                case "token" -> {
                    out.print(data.path("text").asString(""));
                    out.flush();
                }
                case "citation" -> citations.add(data);
                case "done" -> done[0] = data;
                case "error" -> error[0] = data;
                default -> {
                    // Events added later are not ours to show.
                }
            }
        });
        out.println();
        if (error[0] != null) {
            throw new GatewayException("the answer failed: " + error[0].path("title").asString("error") + ": "
                    + error[0].path("detail").asString(""));
        }
        if (!citations.isEmpty()) {
            out.println();
            out.println("Sources:");
            citations.stream()
                .sorted((a, b) -> Integer.compare(a.path("index").asInt(), b.path("index").asInt()))
                .forEach(citation -> out.println(source(citation)));
        }
        if (done[0] != null) {
            JsonNode flags = done[0].path("flags");
            out.println();
            out.println("confidence " + done[0].path("confidence").asString("?")
                    + (done[0].path("escalated").asBoolean(false) ? ", escalated to a human" : "")
                    + (flags.isArray() && !flags.isEmpty() ? ", flags " + flags : ""));
        }
        if (conversation[0] != null) {
            out.println("conversation " + conversation[0]);
        }
        if (done[0] == null) {
            throw new GatewayException("the answer stream ended without a 'done' event");
        }
        return 0;
    }

    static String source(JsonNode citation) {
        String url = citation.path("url").asString("");
        return "[" + citation.path("index").asInt() + "] " + citation.path("title").asString("")
                + (url.isEmpty() ? "" : " <" + url + ">");
    }
}
