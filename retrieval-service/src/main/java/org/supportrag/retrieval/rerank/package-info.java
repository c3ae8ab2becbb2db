/** The rerank stage: an offline in-process reranker and HTTP clients for hosted cross-encoders. */
@NullMarked
package org.supportrag.retrieval.rerank;

import org.jspecify.annotations.NullMarked;
