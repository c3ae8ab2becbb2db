/** Observations (spans and timers) of the retrieval pipeline's stages. */
@NullMarked
package org.supportrag.retrieval.observation;

import org.jspecify.annotations.NullMarked;
