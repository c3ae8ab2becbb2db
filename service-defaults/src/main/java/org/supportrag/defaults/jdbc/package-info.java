/** PostgreSQL helpers shared by the services that keep data. */
@NullMarked
package org.supportrag.defaults.jdbc;

import org.jspecify.annotations.NullMarked;
