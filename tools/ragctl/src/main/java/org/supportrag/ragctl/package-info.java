/** {@code ragctl}: a command-line client of the gateway's public API (ingest, ask, BEIR evaluation). */
@NullMarked
package org.supportrag.ragctl;

import org.jspecify.annotations.NullMarked;
