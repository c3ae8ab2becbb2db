package org.supportrag.generation.grounding;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One answer sentence checked against the chunks it cites.
 *
 * @param sentence the sentence as written, markers included
 * @param cited    the 1-based chunk numbers it cites; empty: checked against every chunk
 * @param reason   why it is not supported ({@code negation}, {@code number}, {@code named}, {@code coverage},
 *                 {@code uncited}); null when it is
 */
record Claim(String sentence, List<Integer> cited, @Nullable String reason) {

    public static final String NEGATION = "negation";
    public static final String NUMBER = "number";
    public static final String NAMED = "named";
    public static final String COVERAGE = "coverage";

    public Claim {
        cited = List.copyOf(cited);
    }

    public boolean supported() {
        return reason == null;
    }
}
