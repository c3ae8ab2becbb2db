/** Signed end-user identities from customers' own sites ({@code X-User-Token}), verified with per-tenant keys. */
@NullMarked
package org.supportrag.gateway.enduser;

import org.jspecify.annotations.NullMarked;
