/** The client of generation's interaction log and conversations that online scoring, drift, reviews and others read. */
@NullMarked
package org.supportrag.eval.generation;

import org.jspecify.annotations.NullMarked;
