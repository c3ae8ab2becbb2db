@NullMarked
package org.supportrag.gateway;

import org.jspecify.annotations.NullMarked;
