@NullMarked
package org.supportrag.generation.tickets;

import org.jspecify.annotations.NullMarked;
