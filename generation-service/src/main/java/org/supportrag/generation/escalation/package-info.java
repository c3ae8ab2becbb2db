@NullMarked
package org.supportrag.generation.escalation;

import org.jspecify.annotations.NullMarked;
