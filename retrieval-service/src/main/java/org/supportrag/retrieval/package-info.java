@NullMarked
package org.supportrag.retrieval;

import org.jspecify.annotations.NullMarked;
