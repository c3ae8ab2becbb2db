@NullMarked
package org.supportrag.gateway.security;

import org.jspecify.annotations.NullMarked;
