@NullMarked
package org.supportrag.ingestion.outbox;

import org.jspecify.annotations.NullMarked;
