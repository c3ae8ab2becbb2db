/**
 * Onboarding without SQL: the one-time bootstrap of a fresh deployment, the platform operator's tenants API
 * (create, rename, suspend, delete) and operator keys, a tenant admin's view of their own tenant, and the widget
 * keys API (create, list, allowed origins, rotate with overlap, revoke).
 */
@NullMarked
package org.supportrag.gateway.tenants;

import org.jspecify.annotations.NullMarked;
