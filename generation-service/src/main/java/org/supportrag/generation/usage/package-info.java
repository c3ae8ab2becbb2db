@NullMarked
package org.supportrag.generation.usage;

import org.jspecify.annotations.NullMarked;
