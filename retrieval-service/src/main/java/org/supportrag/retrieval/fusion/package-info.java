/** Merging several rankings of the same items into one: pure functions, no I/O. */
@NullMarked
package org.supportrag.retrieval.fusion;

import org.jspecify.annotations.NullMarked;
