@NullMarked
package org.supportrag.defaults.problem;

import org.jspecify.annotations.NullMarked;
