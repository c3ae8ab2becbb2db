/**
 * Experiments: a dataset version asked through the real chat pipeline under a named variant (BEIR versions searched
 * through retrieval), asynchronously and resumably (durable state in the database), scored per item (judged when a
 * judge is configured), listed, compared by the regression gate, recorded as gate verdicts (what generation checks
 * before a prompt version becomes production) and exported.
 */
@NullMarked
package org.supportrag.eval.experiment;

import org.jspecify.annotations.NullMarked;
