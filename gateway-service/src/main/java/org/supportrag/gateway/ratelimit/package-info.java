/** Request rate limits per widget key, tenant, client IP and end user, shared by all gateway replicas. */
@NullMarked
package org.supportrag.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
