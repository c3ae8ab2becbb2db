@NullMarked
package org.supportrag.ingestion.settings;

import org.jspecify.annotations.NullMarked;
