@NullMarked
package org.supportrag.ingestion.bench;

import org.jspecify.annotations.NullMarked;
