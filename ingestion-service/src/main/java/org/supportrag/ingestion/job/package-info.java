@NullMarked
package org.supportrag.ingestion.job;

import org.jspecify.annotations.NullMarked;
