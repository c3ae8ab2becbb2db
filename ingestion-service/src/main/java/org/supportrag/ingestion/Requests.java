package org.supportrag.ingestion;

import java.util.Set;
import java.util.regex.Pattern;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.Roles;

/** Checks shared by the ingestion API's controllers. */
public final class Requests {

    public static final Set<String> WRITERS = Set.of(Roles.ADMIN, Roles.SERVICE);
    public static final Set<String> READERS = Set.of(Roles.ADMIN, Roles.SERVICE, Roles.OPS);

    private static final Pattern KNOWLEDGE_BASE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private Requests() {
    }

    public static void requireRole(CallerIdentity caller, Set<String> allowed) {
        if (allowed.stream().noneMatch(caller::hasRole)) {
            throw ApiProblemException.forbidden("forbidden", "Forbidden", "The caller may not perform this operation.");
        }
    }

    public static void requireValidName(String knowledgeBase) {
        if (!KNOWLEDGE_BASE.matcher(knowledgeBase).matches()) {
            throw ApiProblemException.badRequest("invalid-knowledge-base", "Invalid knowledge base name",
                    "A knowledge base name is 1 to 64 characters of a-z, 0-9, '-' and '_', starting with a letter or digit.");
        }
    }
}
