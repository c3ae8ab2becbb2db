@NullMarked
package org.supportrag.generation.retrieval;

import org.jspecify.annotations.NullMarked;
