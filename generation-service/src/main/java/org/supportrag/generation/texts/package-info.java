/** What the customer reads from the service itself (not from a model): message bundles in English and German. */
@NullMarked
package org.supportrag.generation.texts;

import org.jspecify.annotations.NullMarked;
