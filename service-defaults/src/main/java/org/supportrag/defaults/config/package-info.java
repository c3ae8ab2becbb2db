@NullMarked
package org.supportrag.defaults.config;

import org.jspecify.annotations.NullMarked;
