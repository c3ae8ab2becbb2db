/**
 * Versioned evaluation datasets per tenant: import (answer-level JSONL, BEIR), export, list, and the
 * {@link org.supportrag.eval.dataset.DatasetItems} facade other features append items through.
 */
@NullMarked
package org.supportrag.eval.dataset;

import org.jspecify.annotations.NullMarked;
