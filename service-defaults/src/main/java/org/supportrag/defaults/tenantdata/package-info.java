/** Removing a deleted tenant's rows from a service's own schema, on the gateway's request. */
@NullMarked
package org.supportrag.defaults.tenantdata;

import org.jspecify.annotations.NullMarked;
