@NullMarked
package org.supportrag.ingestion;

import org.jspecify.annotations.NullMarked;
