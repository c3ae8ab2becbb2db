/** The LLM judge (answer correctness, faithfulness) and its calibration against agents' labels. */
@NullMarked
package org.supportrag.eval.judge;

import org.jspecify.annotations.NullMarked;
