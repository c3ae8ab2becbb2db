/** Dense (vector), lexical (full-text) and hybrid search over a tenant's knowledge base. */
@NullMarked
package org.supportrag.retrieval.search;

import org.jspecify.annotations.NullMarked;
