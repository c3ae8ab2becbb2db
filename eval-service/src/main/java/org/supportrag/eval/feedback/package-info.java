/** Customer feedback on answers: the first signal evaluation learns from. */
@NullMarked
package org.supportrag.eval.feedback;

import org.jspecify.annotations.NullMarked;
