/** Metric label rules shared by every service: bounded tenant labels. */
@NullMarked
package org.supportrag.defaults.telemetry;

import org.jspecify.annotations.NullMarked;
