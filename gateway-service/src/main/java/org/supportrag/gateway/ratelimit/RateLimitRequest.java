package org.supportrag.gateway.ratelimit;

import org.jspecify.annotations.Nullable;

/**
 * Who is asking, as far as rate limits care.
 *
 * @param tenantId the caller's tenant
 * @param widgetKey the fingerprint of the widget key used, or null for other keys
 * @param clientIp the client's IP address
 * @param endUser the signed end-user identity, or null for anonymous visitors and machine callers
 * @param apiKey the fingerprint of the secret API key used, or null; such a caller draws on its key's
 *        budget and the tenant's, not on the address limit
 * @param anonymous a widget key without {@code Origin} nor signed visitor: also held to the anonymous limit
 */
public record RateLimitRequest(String tenantId, @Nullable String widgetKey, String clientIp, @Nullable String endUser,
        @Nullable String apiKey, boolean anonymous) {

    public RateLimitRequest(String tenantId, @Nullable String widgetKey, String clientIp, @Nullable String endUser) {
        this(tenantId, widgetKey, clientIp, endUser, null, false);
    }
}
