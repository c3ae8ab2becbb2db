package org.supportrag.generation.prompt;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.supportrag.defaults.problem.ApiProblemException;

/** Which templates an admin call works on: the global defaults or the caller's tenant overrides. */
enum PromptScope {

    GLOBAL, TENANT;

    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PromptScope parse(@Nullable String value) {
        if (value == null || value.isBlank() || value.equals("global")) {
            return GLOBAL;
        }
        if (value.equals("tenant")) {
            return TENANT;
        }
        throw ApiProblemException.badRequest("invalid-prompt-scope", "Invalid scope",
                "scope must be 'global' or 'tenant'.");
    }
}
