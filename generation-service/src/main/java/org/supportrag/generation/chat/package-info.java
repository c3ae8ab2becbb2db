@NullMarked
package org.supportrag.generation.chat;

import org.jspecify.annotations.NullMarked;
