package org.supportrag.eval.experiment;

import org.jspecify.annotations.Nullable;

/**
 * What a run varies: sent with every chat request of the run as generation's evaluation overrides.
 *
 * @param name          the variant's name, e.g. "baseline" or "lexical-top1"
 * @param promptLabel   prompt label to answer with (null: the production prompts)
 * @param retrievalMode lexical, dense, hybrid or full (null: the service default)
 * @param topK          chunks retrieved (null: the configured number)
 * @param model         the configured model that answers first (null: generation's routing decides)
 */
record Variant(String name, @Nullable String promptLabel, @Nullable String retrievalMode, @Nullable Integer topK,
        @Nullable String model) {
}
