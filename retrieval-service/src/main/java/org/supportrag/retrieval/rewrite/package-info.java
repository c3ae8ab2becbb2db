/** Turning a follow-up question plus the conversation's earlier turns into a standalone search query. */
@NullMarked
package org.supportrag.retrieval.rewrite;

import org.jspecify.annotations.NullMarked;
