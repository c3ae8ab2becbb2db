/** The review queue: a sample of answered (not escalated) turns for agents to label. */
@NullMarked
package org.supportrag.eval.review;

import org.jspecify.annotations.NullMarked;
