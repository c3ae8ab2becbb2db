@NullMarked
package org.supportrag.generation.live;

import org.jspecify.annotations.NullMarked;
