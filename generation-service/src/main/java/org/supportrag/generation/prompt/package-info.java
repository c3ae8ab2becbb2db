/** Prompt templates versioned in the database: labels, rollback, tenant overrides and the canary split. */
@NullMarked
package org.supportrag.generation.prompt;

import org.jspecify.annotations.NullMarked;
