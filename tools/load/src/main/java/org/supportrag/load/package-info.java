/**
 * The load generator: Gatling scenarios of customers, agents and an ingesting admin against the gateway's public
 * API, with the turn outcomes and latencies it measures itself (TTFT, whole turn) written as a summary.
 */
@NullMarked
package org.supportrag.load;

import org.jspecify.annotations.NullMarked;
