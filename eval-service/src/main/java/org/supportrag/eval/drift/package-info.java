/** Drift per tenant and knowledge base (reference vs current window), its gauges and the knowledge gaps list. */
@NullMarked
package org.supportrag.eval.drift;

import org.jspecify.annotations.NullMarked;
