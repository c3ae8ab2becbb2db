/** Text helpers shared by the services' lexical code. */
@NullMarked
package org.supportrag.defaults.text;

import org.jspecify.annotations.NullMarked;
