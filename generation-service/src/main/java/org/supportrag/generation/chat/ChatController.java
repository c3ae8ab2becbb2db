package org.supportrag.generation.chat;

import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.CallerIdentity;

/**
 * {@code POST /api/v1/chat}: a server-sent event stream for {@code Accept: text/event-stream}, otherwise one JSON
 * answer. Request problems (400, 403, 404) are answered as problem JSON before any stream starts.
 */
@RestController
@RequiredArgsConstructor
class ChatController {

    static final String PATH = "/api/v1/chat";

    private static final Logger log = LoggerFactory.getLogger(ChatController.class);

    private final ChatService chat;
    private final TurnStreams streams;

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestBody ChatRequest request, CallerIdentity caller, HttpServletResponse response) {
        Turn turn = chat.begin(request, caller, streams.traceId());
        SseEmitter emitter = new SseEmitter(streams.timeoutMillis());
        SseChatEvents events = new SseChatEvents(emitter);
        streams.start("chat-stream-", response, () -> respond(turn, events));
        return emitter;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ChatPayloads.Answer answer(@RequestBody ChatRequest request, CallerIdentity caller) {
        Turn turn = chat.begin(request, caller, streams.traceId());
        JsonChatEvents events = new JsonChatEvents();
        chat.respond(turn, events);
        return events.answer();
    }

    private void respond(Turn turn, SseChatEvents events) {
        MDC.put("tenant", turn.caller().tenantId());
        try {
            chat.respond(turn, events);
        }
        catch (ErrorResponseException ex) {
            events.error(ex.getBody());
        }
        catch (RuntimeException ex) {
            log.error("Chat turn failed in conversation {}", turn.conversationId(), ex);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                    "The answer could not be completed. Quote the trace id when reporting this.");
            problem.setType(ProblemTypes.INTERNAL);
            problem.setTitle("Internal error");
            events.error(problem);
        }
        finally {
            events.complete();
            MDC.remove("tenant");
        }
    }
}
