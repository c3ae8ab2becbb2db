@NullMarked
package org.supportrag.generation.guardrail;

import org.jspecify.annotations.NullMarked;
