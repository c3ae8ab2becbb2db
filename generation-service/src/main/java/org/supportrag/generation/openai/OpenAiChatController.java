package org.supportrag.generation.openai;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.generation.GenerationProperties;
import org.supportrag.generation.answer.Question;
import org.supportrag.generation.chat.ChatPipeline;

/**
 * {@code POST /v1/chat/completions}: the OpenAI Chat Completions API over the chat pipeline, so any OpenAI SDK
 * client gets grounded, cited answers. The last {@code user} message is the question, earlier {@code user} and
 * {@code assistant} messages are the history; the client's {@code system} messages are ignored (the prompt is the
 * tenant's). Each request is a new conversation. Extra member {@code supportrag} carries citations, confidence,
 * flags and ids.
 */
@RestController
class OpenAiChatController {

    static final String PATH = "/v1/chat/completions";
    static final String DEFAULT_MODEL = "supportrag";
    private static final Logger log = LoggerFactory.getLogger(OpenAiChatController.class);

    private final ChatPipeline pipeline;
    private final JsonMapper json;
    private final Tracer tracer;
    private final long streamTimeoutMillis;
    private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

    OpenAiChatController(ChatPipeline pipeline, JsonMapper json, ObjectProvider<Tracer> tracer,
            GenerationProperties properties) {
        this.pipeline = pipeline;
        this.json = json;
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.streamTimeoutMillis = properties.streamTimeout().toMillis();
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> complete(@RequestBody JsonNode request, CallerIdentity caller) {
        Parsed parsed = parse(request);
        ChatPipeline.PreparedTurn turn = pipeline.begin(caller, parsed.question(), parsed.history(),
                parsed.knowledgeBase(), traceId());
        String id = "chatcmpl-" + turn.messageId();
        long created = System.currentTimeMillis() / 1000;
        if (!parsed.stream()) {
            ChatPipeline.Result result = pipeline.respond(turn, new ChatPipeline.Listener() {
                @Override
                public void token(String text) {
                }

                @Override
                public boolean closed() {
                    return false;
                }
            });
            ObjectNode body = header(id, "chat.completion", created, parsed.model());
            ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", result.answer()).putNull("refusal");
            choice.putNull("logprobs");
            choice.put("finish_reason", "stop");
            body.set("usage", usage(result));
            body.set("supportrag", extension(result));
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
        }
        ResponseBodyEmitter emitter = new ResponseBodyEmitter(streamTimeoutMillis);
        ChunkStream chunks = new ChunkStream(emitter, id, created, parsed.model());
        Runnable work = snapshots.captureAll().wrap(() -> stream(turn, chunks, parsed.includeUsage()));
        Thread.ofVirtual().name("openai-stream-", 0).start(work);
        return ResponseEntity.ok()
            .contentType(MediaType.TEXT_EVENT_STREAM)
            .header(HttpHeaders.CACHE_CONTROL, "no-cache")
            .header("X-Accel-Buffering", "no")
            .body(emitter);
    }

    private void stream(ChatPipeline.PreparedTurn turn, ChunkStream chunks, boolean includeUsage) {
        try {
            chunks.send(chunks.chunk("assistant", "", null));
            ChatPipeline.Result result = pipeline.respond(turn, new ChatPipeline.Listener() {
                @Override
                public void token(String text) {
                    chunks.send(chunks.chunk(null, text, null));
                }

                @Override
                public boolean closed() {
                    return chunks.closed();
                }
            });
            ObjectNode last = chunks.chunk(null, null, "stop");
            last.set("supportrag", extension(result));
            chunks.send(last);
            if (includeUsage) {
                ObjectNode usageChunk = chunks.header();
                usageChunk.putArray("choices");
                usageChunk.set("usage", usage(result));
                chunks.send(usageChunk);
            }
            chunks.done();
        }
        catch (ErrorResponseException ex) {
            chunks.error(ex.getBody().getStatus(), String.valueOf(ex.getBody().getDetail()));
        }
        catch (RuntimeException ex) {
            log.error("OpenAI-compatible stream failed in conversation {}", turn.conversationId(), ex);
            chunks.error(500, "The answer could not be completed.");
        }
    }

    private record Parsed(String question, List<Question.PriorMessage> history, @Nullable String knowledgeBase,
            boolean stream, boolean includeUsage, String model) {
    }

    private static Parsed parse(JsonNode request) {
        List<String> errors = new ArrayList<>();
        JsonNode messages = request.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw invalid(List.of("messages: must be a non-empty array"));
        }
        List<Question.PriorMessage> conversation = new ArrayList<>();
        String lastRole = "";
        for (JsonNode message : messages.values()) {
            String role = message.path("role").stringValue("");
            String content = text(message.path("content"));
            switch (role) {
                case "user" -> conversation.add(new Question.PriorMessage(true, content));
                case "assistant" -> conversation.add(new Question.PriorMessage(false, content));
                case "system", "developer", "tool", "function" -> {
                    // The tenant's prompt governs the assistant; callers cannot replace it.
                }
                default -> errors.add("messages: unknown role '" + role + "'");
            }
            lastRole = role;
        }
        if (!"user".equals(lastRole)) {
            errors.add("messages: the last message must have role user");
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        String question = conversation.removeLast().content();
        conversation.removeIf(message -> message.content().isBlank());
        JsonNode kb = request.path("knowledge_base");
        String model = request.path("model").stringValue(DEFAULT_MODEL);
        return new Parsed(question, conversation, kb.isString() ? kb.stringValue() : null,
                request.path("stream").booleanValue(false),
                request.path("stream_options").path("include_usage").booleanValue(false),
                model.isBlank() ? DEFAULT_MODEL : model);
    }

    private static String text(JsonNode content) {
        if (!content.isArray()) {
            return content.stringValue("");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content.values()) {
            text.append(part.path("text").stringValue(""));
        }
        return text.toString();
    }

    private static ApiProblemException invalid(List<String> errors) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                String.join("; ", errors), Map.of("errors", errors));
    }

    private ObjectNode header(String id, String object, long created, String model) {
        return json.createObjectNode().put("id", id).put("object", object).put("created", created).put("model", model);
    }

    private ObjectNode usage(ChatPipeline.Result result) {
        return json.createObjectNode()
            .put("prompt_tokens", result.promptTokens())
            .put("completion_tokens", result.completionTokens())
            .put("total_tokens", result.promptTokens() + result.completionTokens());
    }

    private ObjectNode extension(ChatPipeline.Result result) {
        ObjectNode extension = json.createObjectNode()
            .put("conversationId", result.conversationId().toString())
            .put("messageId", result.messageId().toString())
            .put("traceId", result.traceId())
            .put("model", result.model())
            .put("confidence", result.confidence())
            .put("escalated", result.escalated())
            .put("costUsd", result.costUsd());
        extension.set("flags", json.valueToTree(result.flags()));
        extension.set("citations", json.valueToTree(result.citations()));
        return extension;
    }

    private String traceId() {
        Span span = tracer.currentSpan();
        return span == null ? "" : span.context().traceId();
    }

    /** Writes OpenAI stream chunks as {@code data: <json>} lines, ending with {@code data: [DONE]}. */
    private final class ChunkStream {

        private final ResponseBodyEmitter emitter;
        private final String id;
        private final long created;
        private final String model;
        private volatile boolean closed;

        ChunkStream(ResponseBodyEmitter emitter, String id, long created, String model) {
            this.emitter = emitter;
            this.id = id;
            this.created = created;
            this.model = model;
            emitter.onCompletion(() -> closed = true);
            emitter.onTimeout(() -> closed = true);
            emitter.onError(error -> closed = true);
        }

        ObjectNode header() {
            return OpenAiChatController.this.header(id, "chat.completion.chunk", created, model);
        }

        ObjectNode chunk(@Nullable String role, @Nullable String content, @Nullable String finish) {
            ObjectNode chunk = header();
            ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
            ObjectNode delta = choice.putObject("delta");
            if (role != null) {
                delta.put("role", role);
            }
            if (content != null) {
                delta.put("content", content);
            }
            choice.putNull("logprobs");
            choice.put("finish_reason", finish);
            return chunk;
        }

        void send(ObjectNode chunk) {
            write("data: " + json.writeValueAsString(chunk) + "\n\n");
        }

        void error(int status, String message) {
            ObjectNode error = json.createObjectNode();
            error.putObject("error")
                .put("message", message)
                .put("type", status >= 500 ? "server_error" : "invalid_request_error")
                .put("code", status);
            write("data: " + json.writeValueAsString(error) + "\n\n");
            done();
        }

        void done() {
            write("data: [DONE]\n\n");
            if (!closed) {
                emitter.complete();
            }
        }

        boolean closed() {
            return closed;
        }

        private void write(String text) {
            if (closed) {
                return;
            }
            try {
                emitter.send(text, MediaType.TEXT_PLAIN);
            }
            catch (IOException | IllegalStateException ex) {
                log.debug("OpenAI stream client gone: {}", ex.getMessage());
                closed = true;
            }
        }
    }
}
