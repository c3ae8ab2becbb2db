@NullMarked
package org.supportrag.ingestion.index;

import org.jspecify.annotations.NullMarked;
