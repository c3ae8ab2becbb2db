@NullMarked
package org.supportrag.gateway.audit;

import org.jspecify.annotations.NullMarked;
