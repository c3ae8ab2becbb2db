/** Serving the embeddable chat widget to other sites. */
@NullMarked
package org.supportrag.gateway.widget;

import org.jspecify.annotations.NullMarked;
