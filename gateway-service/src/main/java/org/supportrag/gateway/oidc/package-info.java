/** Console users (agents, admins, ops): OIDC bearer tokens verified as a resource server, and the console's sign-in settings. */
@NullMarked
package org.supportrag.gateway.oidc;

import org.jspecify.annotations.NullMarked;
