package org.supportrag.generation.live;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.web.EventStreams;
import org.supportrag.generation.conversation.Conversation;
import org.supportrag.generation.conversation.ConversationAccess;
import org.supportrag.generation.conversation.ConversationIds;
import org.supportrag.generation.conversation.ConversationRepository;

/**
 * {@code GET /api/v1/conversations/{id}/events}: the live events of a conversation (agent messages, escalation
 * changes) as server-sent events. {@code Last-Event-ID} (sent by browsers on reconnect) or {@code after=<id>} resumes
 * after an event or message; without either the stream starts with the next event.
 */
@RestController
@RequiredArgsConstructor
class EventsController {

    private final ConversationRepository conversations;
    private final LiveEventHub hub;

    @GetMapping(path = "/api/v1/conversations/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id, @RequestParam(required = false) @Nullable String after,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
            CallerIdentity caller, HttpServletResponse response) {
        ConversationAccess.requireChatRole(caller);
        Conversation conversation = conversations.accessible(caller, id);
        String cursor = lastEventId != null && !lastEventId.isBlank() ? lastEventId.strip() : after;
        long afterSeq;
        if (cursor == null || cursor.isBlank()) {
            afterSeq = hub.latestSeq(caller.tenantId(), conversation.id());
        }
        else {
            UUID cursorId = ConversationIds.parse(cursor);
            if (cursorId == null) {
                throw ApiProblemException.badRequest("validation", "Invalid request",
                        "after / Last-Event-ID: must be the id of a message or event");
            }
            Long seq = hub.seqAfter(caller.tenantId(), conversation.id(), cursorId);
            // An id this conversation never had: send everything rather than lose events.
            afterSeq = seq == null ? 0 : seq;
        }
        // Before the replay's and the heartbeat's threads may write to it.
        EventStreams.commit(response);
        return hub.subscribe(caller.tenantId(), conversation.id(), afterSeq);
    }
}
