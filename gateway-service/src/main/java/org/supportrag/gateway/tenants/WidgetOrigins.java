package org.supportrag.gateway.tenants;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.supportrag.gateway.AdminRequests;

/**
 * The browser origins a widget key may be used from, validated and written as browsers send them in {@code Origin}:
 * {@code scheme://host[:port]}, lower case, without a default port, path, query or credentials. Wildcards are refused:
 * the gateway matches origins exactly, and a wildcard would let any site spend the tenant's quota.
 */
final class WidgetOrigins {

    static final int MAX_ORIGINS = 20;
    /** As long as the gateway accepts in an {@code Origin} header. */
    static final int MAX_LENGTH = 300;

    private WidgetOrigins() {
    }

    static List<String> valid(@Nullable List<@Nullable String> origins) {
        if (origins == null || origins.isEmpty() || origins.size() > MAX_ORIGINS) {
            throw AdminRequests.invalid("allowedOrigins is required: 1 to " + MAX_ORIGINS
                    + " origins such as https://www.example.com.");
        }
        Set<String> normalized = new LinkedHashSet<>();
        for (String origin : origins) {
            normalized.add(normalize(origin));
        }
        return List.copyOf(normalized);
    }

    static String normalize(@Nullable String origin) {
        if (origin == null || origin.isBlank() || origin.length() > MAX_LENGTH) {
            throw AdminRequests.invalid("Each allowed origin must be a URL such as https://www.example.com.");
        }
        if (origin.contains("*")) {
            throw AdminRequests.invalid("Wildcard origins are not allowed: list each site's origin, such as "
                    + "https://www.example.com.");
        }
        URI uri;
        try {
            uri = new URI(origin.strip());
        }
        catch (URISyntaxException ex) {
            throw AdminRequests.invalid("Each allowed origin must be a URL such as https://www.example.com.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath();
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || (path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw AdminRequests.invalid("Each allowed origin must be http(s)://host[:port] with nothing after it, such as "
                    + "https://www.example.com.");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
