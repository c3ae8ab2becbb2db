@NullMarked
package org.supportrag.generation.interactionlog;

import org.jspecify.annotations.NullMarked;
