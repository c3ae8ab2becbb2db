@NullMarked
package org.supportrag.generation.confidence;

import org.jspecify.annotations.NullMarked;
