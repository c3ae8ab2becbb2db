@NullMarked
package org.supportrag.generation.openai;

import org.jspecify.annotations.NullMarked;
