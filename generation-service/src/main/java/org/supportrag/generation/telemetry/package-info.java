/** Per-turn and per-escalation metrics for the ops dashboards and alerts (bounded labels only). */
@NullMarked
package org.supportrag.generation.telemetry;

import org.jspecify.annotations.NullMarked;
