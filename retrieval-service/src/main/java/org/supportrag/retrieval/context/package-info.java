/** What the returned chunks carry: near-duplicate suppression and query-focused compression. Pure functions. */
@NullMarked
package org.supportrag.retrieval.context;

import org.jspecify.annotations.NullMarked;
