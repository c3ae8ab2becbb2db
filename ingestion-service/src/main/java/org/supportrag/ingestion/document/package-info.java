@NullMarked
package org.supportrag.ingestion.document;

import org.jspecify.annotations.NullMarked;
