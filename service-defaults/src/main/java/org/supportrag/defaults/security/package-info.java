@NullMarked
package org.supportrag.defaults.security;

import org.jspecify.annotations.NullMarked;
