/** Online scoring of a sample of live turns. */
@NullMarked
package org.supportrag.eval.online;

import org.jspecify.annotations.NullMarked;
