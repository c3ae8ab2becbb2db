package org.supportrag.generation.grounding;

import java.util.List;

/**
 * What the check found in one answer.
 *
 * @param claims the answer's checkable sentences (greetings, questions and our own closing texts are not claims)
 */
public record Groundedness(List<Claim> claims) {

    public static final Groundedness NONE = new Groundedness(List.of());

    public Groundedness {
        claims = List.copyOf(claims);
    }

    public int total() {
        return claims.size();
    }

    public int unsupported() {
        return (int) claims.stream().filter(claim -> !claim.supported()).count();
    }

    /** Unsupported claims over claims, 0 for an answer without claims. */
    public double unsupportedRate() {
        return claims.isEmpty() ? 0 : (double) unsupported() / claims.size();
    }
}
