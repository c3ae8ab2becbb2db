/** Binary and markup formats turned into text the chunkers understand: PDF pages, HTML as Markdown. */
@NullMarked
package org.supportrag.ingestion.format;

import org.jspecify.annotations.NullMarked;
