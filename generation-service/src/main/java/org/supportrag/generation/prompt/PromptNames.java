package org.supportrag.generation.prompt;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The templates the service renders, each with the attributes a version must use. */
public final class PromptNames {

    public static final String ANSWER_SYSTEM = "answer-system";
    public static final String ANSWER_USER = "answer-user";

    public static final String PRODUCTION = "production";
    public static final String CANARY = "canary";

    // Unlisted names are refused: a version nobody renders would only mislead.
    private static final Map<String, List<String>> REQUIRED = Map.of(
            ANSWER_SYSTEM, List.of(),
            ANSWER_USER, List.of("context", "question"));

    private PromptNames() {
    }

    public static Set<String> all() {
        return REQUIRED.keySet();
    }

    public static boolean known(String name) {
        return REQUIRED.containsKey(name);
    }

    /** Attributes the template must use; also the only ones it may use. */
    public static List<String> requiredAttributes(String name) {
        return REQUIRED.getOrDefault(name, List.of());
    }
}
