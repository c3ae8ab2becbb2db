@NullMarked
package org.supportrag.generation.budget;

import org.jspecify.annotations.NullMarked;
