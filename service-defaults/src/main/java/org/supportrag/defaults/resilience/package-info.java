/**
 * One guard for every remote call between services and to providers: a circuit breaker, a bulkhead and, for
 * idempotent calls only, retries, configured once (the {@code remote} Resilience4j configurations of
 * service-defaults) with an instance per call and Micrometer metrics.
 */
@NullMarked
package org.supportrag.defaults.resilience;

import org.jspecify.annotations.NullMarked;
