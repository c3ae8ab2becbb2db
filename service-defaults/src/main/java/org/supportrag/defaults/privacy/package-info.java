/**
 * Personal data redaction shared by ingestion (ticket exports are scrubbed before they are stored) and generation
 * (questions, answers and the interaction log): one rule set, so what is removed at ingestion is what the guardrails
 * look for.
 */
@NullMarked
package org.supportrag.defaults.privacy;

import org.jspecify.annotations.NullMarked;
