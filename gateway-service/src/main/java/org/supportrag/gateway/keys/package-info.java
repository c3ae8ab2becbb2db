@NullMarked
package org.supportrag.gateway.keys;

import org.jspecify.annotations.NullMarked;
