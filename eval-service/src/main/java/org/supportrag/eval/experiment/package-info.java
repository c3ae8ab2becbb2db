/**
 * Experiments: a dataset version asked through the real chat pipeline under a named variant, asynchronously and
 * resumably (durable state in the database), scored per item, listed, compared by the regression gate and exported.
 */
@NullMarked
package org.supportrag.eval.experiment;

import org.jspecify.annotations.NullMarked;
