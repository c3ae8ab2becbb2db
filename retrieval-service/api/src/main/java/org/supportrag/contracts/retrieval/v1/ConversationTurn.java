package org.supportrag.contracts.retrieval.v1;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An earlier turn of the conversation a search belongs to, used to turn a follow-up question into a standalone query.
 *
 * @param speaker {@code user} or {@code assistant}
 */
public record ConversationTurn(
        @NotNull @Pattern(regexp = "user|assistant", message = "must be user or assistant") String speaker,
        @NotBlank @Size(max = 8000) String text) {

    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    public boolean fromUser() {
        return USER.equals(speaker);
    }
}
