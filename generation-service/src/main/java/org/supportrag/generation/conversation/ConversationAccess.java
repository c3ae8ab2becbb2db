package org.supportrag.generation.conversation;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;

/** Who may chat and read conversations. */
public final class ConversationAccess {

    public static final String NOT_FOUND = "conversation-not-found";

    private static final Set<String> CHAT_ROLES = Set.of(Roles.CUSTOMER, Roles.AGENT, Roles.ADMIN, Roles.SERVICE);
    private static final Set<String> STAFF_ROLES = Set.of(Roles.AGENT, Roles.ADMIN, Roles.SERVICE);

    private ConversationAccess() {
    }

    public static void requireChatRole(CallerIdentity caller) {
        if (caller.roles().stream().noneMatch(CHAT_ROLES::contains)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden",
                    "The caller may not use the chat.");
        }
    }

    /** The customer a new conversation belongs to: the verified CRM id of a widget user, else none. */
    public static @Nullable String customerRef(CallerIdentity caller) {
        return isStaff(caller) ? null : caller.customerId();
    }

    /**
     * Staff read every conversation of their tenant. A verified customer reads conversations that are anonymous or
     * their own; anonymous conversations are protected by their unguessable id.
     */
    public static boolean mayAccess(CallerIdentity caller, Conversation conversation) {
        if (isStaff(caller) || conversation.customerRef() == null) {
            return true;
        }
        return conversation.customerRef().equals(caller.customerId());
    }

    public static ApiProblemException notFound() {
        return ApiProblemException.notFound(NOT_FOUND, "Conversation not found",
                "No conversation with this id exists.");
    }

    /** Agents, admins and services: they see every conversation of the tenant and its details. */
    public static boolean isStaff(CallerIdentity caller) {
        return caller.roles().stream().anyMatch(STAFF_ROLES::contains);
    }
}
