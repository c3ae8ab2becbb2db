@NullMarked
package org.supportrag.generation;

import org.jspecify.annotations.NullMarked;
