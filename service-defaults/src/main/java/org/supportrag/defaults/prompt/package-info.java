/** The one prompt renderer of every service: StringTemplate, strict. */
@NullMarked
package org.supportrag.defaults.prompt;

import org.jspecify.annotations.NullMarked;
