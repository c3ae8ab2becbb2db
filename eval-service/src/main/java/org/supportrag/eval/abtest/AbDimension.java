package org.supportrag.eval.abtest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.supportrag.eval.generation.LoggedTurn;

/** What A/B outcomes split conversations by; {@link #wireName()} is the request's {@code dimension}. */
enum AbDimension {

    /** The prompt arm the conversation was served ({@code none} outside an experiment). */
    PROMPT {
        @Override
        String arm(LoggedTurn first) {
            return Objects.requireNonNullElse(first.promptArm(), "none");
        }
    },
    /** The model that answered the conversation's first turn. */
    MODEL {
        @Override
        String arm(LoggedTurn first) {
            return Objects.requireNonNullElse(first.model(), "unknown");
        }
    };

    /** The arm of a conversation, from its first turn (the prompt arm never changes within one). */
    abstract String arm(LoggedTurn first);

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<AbDimension> fromWireName(String name) {
        return Arrays.stream(values()).filter(dimension -> dimension.wireName().equals(name)).findFirst();
    }
}
