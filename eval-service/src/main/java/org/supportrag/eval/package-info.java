@NullMarked
package org.supportrag.eval;

import org.jspecify.annotations.NullMarked;
