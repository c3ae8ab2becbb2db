package org.supportrag.eval.drift;

import java.util.Locale;

/** The signals a {@link DriftReport} compares between its two windows; {@link #wireName()} is what clients read. */
enum DriftSignal {

    /** The topic mix: PSI over the share of questions nearest to each reference cluster. */
    QUERY_TOPICS,
    /** Continuous per turn: PSI and KS over the values. */
    TOP_SCORE, CONFIDENCE,
    /** Rates: PSI over the share of turns with the event. */
    ESCALATION_RATE, THUMBS_DOWN_RATE, DECLINED_RATE;

    /** The name in reports and gauge tags, such as {@code query_topics}. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
