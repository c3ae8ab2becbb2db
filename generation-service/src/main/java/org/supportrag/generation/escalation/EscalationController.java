package org.supportrag.generation.escalation;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.problem.ProblemTypes;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;
import org.supportrag.generation.GenerationProperties;
import org.supportrag.generation.conversation.Conversation;
import org.supportrag.generation.conversation.ConversationAccess;
import org.supportrag.generation.conversation.ConversationIds;
import org.supportrag.generation.conversation.ConversationRepository;

/**
 * The agent API (escalation queue, claim, resolve, replies) and the customer's "talk to a person" endpoint. Ids
 * of another tenant are answered exactly like unknown ids: 404.
 */
@RestController
class EscalationController {

    private static final Set<String> STATUSES = Set.of(EscalationItem.OPEN, EscalationItem.ASSIGNED,
            EscalationItem.RESOLVED);
    private static final int LIST_LIMIT = 200;
    private static final int MAX_NOTE_CHARS = 1000;

    private final Escalations escalations;
    private final ConversationRepository conversations;
    private final int maxMessageChars;

    EscalationController(Escalations escalations, ConversationRepository conversations,
            GenerationProperties properties) {
        this.escalations = escalations;
        this.conversations = conversations;
        this.maxMessageChars = properties.maxMessageChars();
    }

    record ItemList(List<EscalationItem> items) {
    }

    record ReplyRequest(@Nullable String text) {
    }

    record EscalateRequest(@Nullable String reason) {
    }

    @GetMapping(path = "/api/v1/escalations", produces = MediaType.APPLICATION_JSON_VALUE)
    ItemList list(@RequestParam(required = false) @Nullable String status, CallerIdentity caller) {
        requireStaff(caller);
        if (status != null && !STATUSES.contains(status)) {
            throw validation("status: must be open, assigned or resolved");
        }
        return new ItemList(escalations.list(caller.tenantId(), status, LIST_LIMIT));
    }

    @PostMapping(path = "/api/v1/escalations/{conversationId}/claim", produces = MediaType.APPLICATION_JSON_VALUE)
    EscalationItem claim(@PathVariable String conversationId, CallerIdentity caller) {
        requireStaff(caller);
        return escalations.claim(caller.tenantId(), escalationId(conversationId), caller.subject());
    }

    @PostMapping(path = "/api/v1/escalations/{conversationId}/resolve", produces = MediaType.APPLICATION_JSON_VALUE)
    EscalationItem resolve(@PathVariable String conversationId, CallerIdentity caller) {
        requireStaff(caller);
        return escalations.resolve(caller.tenantId(), escalationId(conversationId), caller.subject());
    }

    @PostMapping(path = "/api/v1/conversations/{id}/agent-replies", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    AgentMessage reply(@PathVariable String id, @RequestBody ReplyRequest request, CallerIdentity caller) {
        requireStaff(caller);
        Conversation conversation = conversation(id, caller);
        String text = request.text() == null ? "" : request.text().replace("\u0000", "").strip();
        if (text.isEmpty()) {
            throw validation("text: must not be blank");
        }
        if (text.length() > maxMessageChars) {
            throw validation("text: must be at most " + maxMessageChars + " characters");
        }
        return escalations.reply(caller.tenantId(), conversation.id(), caller.subject(), text);
    }

    @PostMapping(path = "/api/v1/conversations/{id}/escalate", produces = MediaType.APPLICATION_JSON_VALUE)
    EscalationItem escalate(@PathVariable String id, @RequestBody(required = false) @Nullable EscalateRequest request,
            CallerIdentity caller) {
        ConversationAccess.requireChatRole(caller);
        Conversation conversation = conversation(id, caller);
        String note = request == null || request.reason() == null ? null : request.reason().strip();
        if (note != null && note.length() > MAX_NOTE_CHARS) {
            throw validation("reason: must be at most " + MAX_NOTE_CHARS + " characters");
        }
        return escalations.escalate(new Escalations.Request(caller.tenantId(), conversation.id(),
                List.of(EscalationReasons.CUSTOMER_REQUEST), null, null, List.of(), Map.of(),
                note == null || note.isEmpty() ? null : note));
    }

    private Conversation conversation(String id, CallerIdentity caller) {
        return conversations.accessible(caller, id);
    }

    private static UUID escalationId(String id) {
        UUID conversationId = ConversationIds.parse(id);
        if (conversationId == null) {
            throw Escalations.notFound();
        }
        return conversationId;
    }

    static void requireStaff(CallerIdentity caller) {
        if (!caller.hasRole(Roles.AGENT) && !caller.hasRole(Roles.ADMIN)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden", "Only agents and admins may do this.");
        }
    }

    private static ApiProblemException validation(String error) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request", error,
                Map.of("errors", List.of(error)));
    }
}
