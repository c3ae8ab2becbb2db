package org.supportrag.gateway.ratelimit;

import org.jspecify.annotations.Nullable;

/** The limits that apply to one tenant, in requests per {@link RateLimitProperties#period()}. */
record Limits(int widgetKey, int tenant, int clientIp, int endUser, int anonymous, int apiKey) {

    int of(Scope scope) {
        return switch (scope) {
            case CLIENT_IP -> clientIp;
            case END_USER -> endUser;
            case WIDGET_KEY -> widgetKey;
            case TENANT -> tenant;
            case ANONYMOUS -> anonymous;
            case API_KEY -> apiKey;
        };
    }

    /** These limits with each non-null override replacing the matching one. */
    Limits overriddenBy(@Nullable Integer widgetKey, @Nullable Integer tenant, @Nullable Integer clientIp,
            @Nullable Integer endUser) {
        return new Limits(widgetKey != null ? widgetKey : this.widgetKey, tenant != null ? tenant : this.tenant,
                clientIp != null ? clientIp : this.clientIp, endUser != null ? endUser : this.endUser, anonymous,
                apiKey);
    }
}
