/**
 * Ranking metrics as BEIR reports them (pytrec_eval / trec_eval definitions): nDCG@k, Recall@k, MRR@k. Pure code.
 */
@NullMarked
package org.supportrag.eval.metrics;

import org.jspecify.annotations.NullMarked;
