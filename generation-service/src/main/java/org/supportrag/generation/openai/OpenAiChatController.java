package org.supportrag.generation.openai;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.generation.answer.Question;
import org.supportrag.generation.chat.ChatPipeline;
import org.supportrag.generation.chat.TurnStreams;
import org.supportrag.generation.conversation.Citation;
import org.supportrag.openai.wire.ChatCompletion;
import org.supportrag.openai.wire.ChatCompletionChunk;
import org.supportrag.openai.wire.ChatCompletionChunk.Delta;
import org.supportrag.openai.wire.ChatCompletionRequest;
import org.supportrag.openai.wire.ErrorResponse;
import org.supportrag.openai.wire.Usage;

/**
 * {@code POST /v1/chat/completions}: the OpenAI Chat Completions API over the chat pipeline, so any OpenAI SDK
 * client gets grounded, cited answers. The last {@code user} message is the question, earlier {@code user} and
 * {@code assistant} messages are the history; the client's {@code system} messages are ignored (the prompt is the
 * tenant's). Each request is a new conversation. Extra member {@code supportrag} carries citations, confidence,
 * flags and ids.
 */
@RestController
@RequiredArgsConstructor
class OpenAiChatController {

    static final String PATH = "/v1/chat/completions";
    static final String DEFAULT_MODEL = "supportrag";
    private static final Logger log = LoggerFactory.getLogger(OpenAiChatController.class);

    private final ChatPipeline pipeline;
    private final JsonMapper json;
    private final TurnStreams streams;

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> complete(@RequestBody ChatCompletionRequest request, CallerIdentity caller,
            HttpServletResponse response) {
        Parsed parsed = parse(request);
        ChatPipeline.PreparedTurn turn = pipeline.begin(caller, parsed.question(), parsed.history(),
                parsed.knowledgeBase(), streams.traceId());
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
            ChatCompletion body = ChatCompletion.of(id, created, parsed.model(),
                    ChatCompletion.AssistantMessage.text(result.answer()), "stop", usage(result), extension(result));
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
        }
        ResponseBodyEmitter emitter = new ResponseBodyEmitter(streams.timeoutMillis());
        ChunkStream chunks = new ChunkStream(emitter, id, created, parsed.model(), parsed.includeUsage());
        // The headers go out here, on the request's thread (TurnStreams.start).
        streams.start("openai-stream-", response, () -> stream(turn, chunks));
        return ResponseEntity.ok().body(emitter);
    }

    private void stream(ChatPipeline.PreparedTurn turn, ChunkStream chunks) {
        try {
            chunks.send(chunks.chunk(Delta.of("assistant", ""), null));
            ChatPipeline.Result result = pipeline.respond(turn, new ChatPipeline.Listener() {
                @Override
                public void token(String text) {
                    chunks.send(chunks.chunk(Delta.of(null, text), null));
                }

                @Override
                public boolean closed() {
                    return chunks.closed();
                }
            });
            chunks.send(chunks.chunk(Delta.of(null, null), "stop").withExtension(extension(result)));
            chunks.finish(usage(result));
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

    private static Parsed parse(ChatCompletionRequest request) {
        if (request.messages().isEmpty()) {
            throw invalid(List.of("messages: must be a non-empty array"));
        }
        List<String> errors = new ArrayList<>();
        List<Question.PriorMessage> conversation = new ArrayList<>();
        String lastRole = "";
        for (ChatCompletionRequest.Message message : request.messages()) {
            switch (message.role()) {
                case "user" -> conversation.add(new Question.PriorMessage(true, message.content()));
                case "assistant" -> conversation.add(new Question.PriorMessage(false, message.content()));
                case "system", "developer", "tool", "function" -> {
                    // The tenant's prompt governs the assistant; callers cannot replace it.
                }
                default -> errors.add("messages: unknown role '" + message.role() + "'");
            }
            lastRole = message.role();
        }
        if (!"user".equals(lastRole)) {
            errors.add("messages: the last message must have role user");
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        String question = conversation.removeLast().content();
        conversation.removeIf(message -> message.content().isBlank());
        String model = request.model();
        return new Parsed(question, conversation, request.knowledgeBase(), request.streamOr(false),
                request.includeUsage(), model == null || model.isBlank() ? DEFAULT_MODEL : model);
    }

    private static ApiProblemException invalid(List<String> errors) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                String.join("; ", errors), Map.of("errors", errors));
    }

    private static Usage usage(ChatPipeline.Result result) {
        return Usage.of(result.promptTokens(), result.completionTokens());
    }

    /** The {@code supportrag} member: what an OpenAI client cannot otherwise see of the answer. */
    record Extension(UUID conversationId, UUID messageId, String traceId, String model, double confidence,
            boolean escalated, double costUsd, List<String> flags, List<Citation> citations) {
    }

    private static Extension extension(ChatPipeline.Result result) {
        return new Extension(result.conversationId(), result.messageId(), result.traceId(), result.model(),
                result.confidence(), result.escalated(), result.costUsd(), result.flags(), result.citations());
    }

    /** Writes OpenAI stream chunks as {@code data: <json>} events, ending with {@code data: [DONE]}. */
    private final class ChunkStream {

        private final ResponseBodyEmitter emitter;
        private final String id;
        private final long created;
        private final String model;
        private final boolean includeUsage;
        private volatile boolean closed;

        ChunkStream(ResponseBodyEmitter emitter, String id, long created, String model, boolean includeUsage) {
            this.emitter = emitter;
            this.id = id;
            this.created = created;
            this.model = model;
            this.includeUsage = includeUsage;
            emitter.onCompletion(() -> closed = true);
            emitter.onTimeout(() -> closed = true);
            emitter.onError(error -> closed = true);
        }

        ChatCompletionChunk chunk(Delta delta, @Nullable String finish) {
            return ChatCompletionChunk.delta(id, created, model, delta, finish, includeUsage);
        }

        void send(Object event) {
            write("data: " + json.writeValueAsString(event) + "\n\n");
        }

        /** Sends the usage chunk when the client asked for it, then ends the stream. */
        void finish(Usage usage) {
            if (includeUsage) {
                send(ChatCompletionChunk.usageOnly(id, created, model, usage));
            }
            done();
        }

        void error(int status, String message) {
            send(ErrorResponse.forStatus(status, message));
            done();
        }

        void done() {
            write(ChatCompletionChunk.DONE);
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
