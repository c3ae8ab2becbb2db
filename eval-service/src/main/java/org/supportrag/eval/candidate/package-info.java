/**
 * Candidate dataset items from the product's own signals (agents' labels, thumbs-down with a comment): collected
 * with the conversation's context from generation, accepted into a dataset version or rejected by an admin.
 */
@NullMarked
package org.supportrag.eval.candidate;

import org.jspecify.annotations.NullMarked;
