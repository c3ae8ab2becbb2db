/** Deterministic per-message sampling shared by the samplers and the service that serves the turns. */
@NullMarked
package org.supportrag.defaults.sampling;

import org.jspecify.annotations.NullMarked;
