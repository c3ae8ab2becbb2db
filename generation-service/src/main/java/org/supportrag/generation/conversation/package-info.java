@NullMarked
package org.supportrag.generation.conversation;

import org.jspecify.annotations.NullMarked;
