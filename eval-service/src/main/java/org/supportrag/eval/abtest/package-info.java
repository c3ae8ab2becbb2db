/** A/B outcomes of the variants assigned per conversation in production, with significance tests. */
@NullMarked
package org.supportrag.eval.abtest;

import org.jspecify.annotations.NullMarked;
