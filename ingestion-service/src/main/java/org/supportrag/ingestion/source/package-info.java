@NullMarked
package org.supportrag.ingestion.source;

import org.jspecify.annotations.NullMarked;
