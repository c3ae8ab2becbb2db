/** Groundedness: each answer sentence checked against the chunk it cites, and what a tenant does when one is not. */
@NullMarked
package org.supportrag.generation.grounding;

import org.jspecify.annotations.NullMarked;
