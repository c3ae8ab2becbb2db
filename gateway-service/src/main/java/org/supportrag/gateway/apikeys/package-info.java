/**
 * API keys: widget keys (bound to origins) and machine keys (roles, hashed at rest), how a request is authenticated
 * with one, and the admin API that creates, lists and revokes them.
 */
@NullMarked
package org.supportrag.gateway.apikeys;

import org.jspecify.annotations.NullMarked;
