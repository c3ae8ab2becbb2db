/**
 * The built-in OIDC issuer with the demo console users: local profile only, never in prod (a deployment points
 * {@code rag.gateway.oidc} at its own identity provider).
 */
@NullMarked
package org.supportrag.gateway.localissuer;

import org.jspecify.annotations.NullMarked;
