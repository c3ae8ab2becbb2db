@NullMarked
package org.supportrag.gateway.apikeys;

import org.jspecify.annotations.NullMarked;
