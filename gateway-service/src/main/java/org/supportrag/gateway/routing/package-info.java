@NullMarked
package org.supportrag.gateway.routing;

import org.jspecify.annotations.NullMarked;
