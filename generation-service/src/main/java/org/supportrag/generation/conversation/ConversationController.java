package org.supportrag.generation.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.security.CallerIdentity;

/** Reads a conversation back, e.g. for the widget to restore its history or for an agent taking over. */
@RestController
class ConversationController {

    private final ConversationRepository conversations;

    ConversationController(ConversationRepository conversations) {
        this.conversations = conversations;
    }

    @GetMapping(path = "/api/v1/conversations/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ConversationView conversation(@PathVariable String id, CallerIdentity caller) {
        ConversationAccess.requireChatRole(caller);
        UUID conversationId = ConversationIds.parse(id);
        if (conversationId == null) {
            throw ConversationAccess.notFound();
        }
        Conversation conversation = conversations.find(caller.tenantId(), conversationId)
            .filter(found -> ConversationAccess.mayAccess(caller, found))
            .orElseThrow(ConversationAccess::notFound);
        List<MessageView> messages = conversations.messages(caller.tenantId(), conversation.id())
            .stream()
            .map(message -> new MessageView(message.id(), message.role(), message.content(), message.citations(),
                    message.createdAt()))
            .toList();
        return new ConversationView(conversation.id(), messages);
    }

    record ConversationView(UUID conversationId, List<MessageView> messages) {
    }

    record MessageView(UUID messageId, String role, String content, List<Citation> citations, Instant createdAt) {
    }
}
