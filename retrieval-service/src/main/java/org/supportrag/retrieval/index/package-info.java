/** Writing the index: replacing and deleting a document's chunks. */
@NullMarked
package org.supportrag.retrieval.index;

import org.jspecify.annotations.NullMarked;
