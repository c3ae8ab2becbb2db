/**
 * Answer-level evaluation: the dataset format of {@code interfaces.md} (one case per JSONL line), what the assistant
 * answered, how one case is scored and the metrics over a run. Pure code, shared by eval-service and ragctl.
 */
@NullMarked
package org.supportrag.eval.answers;

import org.jspecify.annotations.NullMarked;
