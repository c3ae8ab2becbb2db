@NullMarked
package org.supportrag.ingestion.chunking;

import org.jspecify.annotations.NullMarked;
