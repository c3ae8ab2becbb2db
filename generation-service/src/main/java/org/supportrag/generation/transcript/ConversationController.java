package org.supportrag.generation.transcript;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.generation.conversation.Citation;
import org.supportrag.generation.conversation.Conversation;
import org.supportrag.generation.conversation.ConversationAccess;
import org.supportrag.generation.conversation.ConversationRepository;
import org.supportrag.generation.conversation.StoredMessage;
import org.supportrag.generation.escalation.AnswerEvidence;
import org.supportrag.generation.escalation.ContextItem;
import org.supportrag.generation.escalation.EscalationItem;
import org.supportrag.generation.escalation.Escalations;
import org.supportrag.generation.prompt.ResolvedPrompts.PromptUse;

/**
 * Reads a conversation back, e.g. for the widget to restore its history or for an agent taking over. Staff (agents,
 * admins) also see, for each assistant message, its confidence (and its parts, {@code scores}), flags, model, trace
 * id, prompt versions, cost (USD, every attempt of its turn) and the retrieved context it was grounded on.
 */
@RestController
@RequiredArgsConstructor
class ConversationController {

    private final ConversationRepository conversations;
    private final MessageDetails details;
    private final Escalations escalations;
    private final AnswerEvidence evidence;

    @GetMapping(path = "/api/v1/conversations/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ConversationView conversation(@PathVariable String id, CallerIdentity caller) {
        ConversationAccess.requireChatRole(caller);
        Conversation conversation = conversations.accessible(caller, id);
        boolean staff = ConversationAccess.isStaff(caller);
        Map<UUID, AnswerEvidence.Evidence> grounds = staff
                ? evidence.ofConversation(caller.tenantId(), conversation.id()) : Map.of();
        List<MessageView> messages = details.of(caller.tenantId(), conversation.id())
            .stream()
            .map(message -> staff && StoredMessage.ASSISTANT.equals(message.role())
                    ? staffView(message, grounds.get(message.id()))
                    : staff && StoredMessage.USER.equals(message.role())
                            ? new StaffQuestionView(message.id(), message.role(), message.content(),
                                    message.citations(), message.createdAt(), message.author(),
                                    message.standaloneQuery())
                    : (MessageView) new CustomerMessageView(message.id(), message.role(), message.content(),
                            message.citations(), message.createdAt(), message.author()))
            .toList();
        EscalationItem escalation = escalations.find(caller.tenantId(), conversation.id()).orElse(null);
        return new ConversationView(conversation.id(), escalation, messages);
    }

    private static MessageView staffView(MessageDetails.Detail message, AnswerEvidence.@Nullable Evidence grounds) {
        return new StaffMessageView(message.id(), message.role(), message.content(), message.citations(),
                message.createdAt(), message.author(), message.confidence(), message.flags(), message.model(),
                message.traceId(), promptVersion(message.prompts()), message.costUsd(),
                grounds == null ? List.of() : grounds.context(), grounds == null ? Map.of() : grounds.scores());
    }

    /** E.g. {@code "production: answer-system v3 (tenant), answer-user v1"}; null when no templates were used. */
    static @Nullable String promptVersion(@Nullable List<PromptUse> uses) {
        if (uses == null || uses.isEmpty()) {
            return null;
        }
        String label = uses.getFirst().label();
        return label + ": " + uses.stream()
            .map(use -> use.name() + " v" + use.version() + ("global".equals(use.scope()) ? "" : " (" + use.scope()
                    + ")"))
            .collect(Collectors.joining(", "));
    }

    record ConversationView(UUID conversationId, @Nullable EscalationItem escalation, List<MessageView> messages) {
    }

    sealed interface MessageView permits CustomerMessageView, StaffMessageView, StaffQuestionView {
    }

    /** A customer's question as staff see it: with the standalone query retrieval searched for it, if rewritten. */
    record StaffQuestionView(UUID messageId, String role, String content, List<Citation> citations,
            Instant createdAt, @Nullable String author, @Nullable String standaloneQuery) implements MessageView {
    }

    record CustomerMessageView(UUID messageId, String role, String content, List<Citation> citations,
            Instant createdAt, @Nullable String author) implements MessageView {
    }

    record StaffMessageView(UUID messageId, String role, String content, List<Citation> citations,
            Instant createdAt, @Nullable String author, @Nullable Double confidence, List<String> flags,
            @Nullable String model, @Nullable String traceId, @Nullable String promptVersion, double costUsd,
            List<ContextItem> context, Map<String, Object> scores) implements MessageView {
    }
}
