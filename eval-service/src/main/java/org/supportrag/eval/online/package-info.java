/** Online scoring of a sample of live turns, and the client of generation's interaction log it and others read. */
@NullMarked
package org.supportrag.eval.online;

import org.jspecify.annotations.NullMarked;
