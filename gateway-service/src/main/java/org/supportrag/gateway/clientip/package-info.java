/** The client IP address a request came from, behind trusted reverse proxies: counted by rate limits, kept by audit. */
@NullMarked
package org.supportrag.gateway.clientip;

import org.jspecify.annotations.NullMarked;
