package org.supportrag.eval.answers;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a case tests; {@link #wireName()} is its name in the dataset file. */
public enum CaseType {

    /** The knowledge base answers it: the facts must be in the answer, a right source cited, no handover. */
    ANSWERABLE("answerable"),
    /** The knowledge base does not answer it: the assistant must escalate or decline. */
    UNANSWERABLE("unanswerable"),
    /** Like answerable, asked after earlier turns of the same conversation. */
    MULTITURN("multiturn"),
    /** In scope, mentions another person without asking for one: must not be escalated. */
    NO_HANDOVER("no_handover");

    private final String wireName;

    CaseType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether the case expects a correct, cited answer (answerable and multiturn). */
    public boolean expectsAnswer() {
        return this == ANSWERABLE || this == MULTITURN;
    }

    public static Optional<CaseType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }

    /** The accepted names, for error messages. */
    public static String wireNames() {
        return Arrays.stream(values()).map(CaseType::wireName).collect(Collectors.joining(", "));
    }
}
