@NullMarked
package org.supportrag.generation.answer;

import org.jspecify.annotations.NullMarked;
