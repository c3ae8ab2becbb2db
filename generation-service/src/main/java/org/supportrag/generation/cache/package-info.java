@NullMarked
package org.supportrag.generation.cache;

import org.jspecify.annotations.NullMarked;
