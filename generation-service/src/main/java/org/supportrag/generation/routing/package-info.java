@NullMarked
package org.supportrag.generation.routing;

import org.jspecify.annotations.NullMarked;
