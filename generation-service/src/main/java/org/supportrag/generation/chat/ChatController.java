package org.supportrag.generation.chat;

import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
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
import org.supportrag.generation.GenerationProperties;

/**
 * {@code POST /api/v1/chat}: a server-sent event stream for {@code Accept: text/event-stream}, otherwise one JSON
 * answer. Request problems (400, 403, 404) are answered as problem JSON before any stream starts.
 */
@RestController
class ChatController {

    static final String PATH = "/api/v1/chat";

    private static final Logger log = LoggerFactory.getLogger(ChatController.class);

    private final ChatService chat;
    private final Tracer tracer;
    private final long streamTimeoutMillis;
    private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

    ChatController(ChatService chat, ObjectProvider<Tracer> tracer, GenerationProperties properties) {
        this.chat = chat;
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.streamTimeoutMillis = properties.streamTimeout().toMillis();
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestBody ChatRequest request, CallerIdentity caller, HttpServletResponse response) {
        Turn turn = chat.begin(request, caller, traceId());
        SseEmitter emitter = new SseEmitter(streamTimeoutMillis);
        SseChatEvents events = new SseChatEvents(emitter);
        // Proxies must pass each event through at once.
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        // The answer streams from its own virtual thread, carrying the caller (for the internal token to retrieval)
        // and the trace context (for traceparent) of this request.
        Runnable work = snapshots.captureAll().wrap(() -> respond(turn, events));
        Thread.ofVirtual().name("chat-stream-", 0).start(work);
        return emitter;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ChatPayloads.Answer answer(@RequestBody ChatRequest request, CallerIdentity caller) {
        Turn turn = chat.begin(request, caller, traceId());
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

    private String traceId() {
        Span span = tracer.currentSpan();
        return span == null ? "" : span.context().traceId();
    }
}
