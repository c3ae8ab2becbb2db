package org.supportrag.gateway.ratelimit;

import org.jspecify.annotations.Nullable;

/**
 * Who is asking, as far as rate limits care.
 *
 * @param tenantId the caller's tenant
 * @param widgetKey the fingerprint of the widget key used, or null for other keys
 * @param clientIp the client's IP address
 * @param endUser the signed end-user identity, or null for anonymous visitors and machine callers
 */
public record RateLimitRequest(String tenantId, @Nullable String widgetKey, String clientIp, @Nullable String endUser) {
}
