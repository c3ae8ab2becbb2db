/**
 * The regression gate: a candidate run against a baseline run of the same dataset, per metric, on paired per-case
 * differences with a seeded paired sign-flip permutation test (Holm-adjusted over the metrics), a seeded paired
 * bootstrap interval for the effect, and absolute floors. Pure code.
 */
@NullMarked
package org.supportrag.eval.gate;

import org.jspecify.annotations.NullMarked;
