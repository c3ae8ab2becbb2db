/** Agents' labels on assistant answers (correct, incorrect, missing knowledge): ground truth for evaluation. */
@NullMarked
package org.supportrag.eval.labels;

import org.jspecify.annotations.NullMarked;
