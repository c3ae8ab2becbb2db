package org.supportrag.gateway.apikeys;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The only properties a client may set on a new key; the tenant, creator and hash come from the server, and any
 * other property is refused (see {@link ApiKeysController}) rather than silently ignored.
 */
record CreateApiKeyRequest(@Nullable String name, @Nullable List<@Nullable String> roles) {
}
