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
 * {@code scheme://host[:port]}, lower case, without a default port, path, query or credentials. Wildcards are refused
 * (a wildcard would let any site spend the tenant's quota) unless the key explicitly allows them, and then only as the
 * leftmost label of a domain with at least two labels: {@code https://*.example.com} (its subdomains, not the domain
 * itself); {@code *}, {@code https://*} and {@code https://*.com} never.
 */
final class WidgetOrigins {

    static final int MAX_ORIGINS = 20;
    /** As long as the gateway accepts in an {@code Origin} header. */
    static final int MAX_LENGTH = 300;

    private WidgetOrigins() {
    }

    static List<String> valid(@Nullable List<@Nullable String> origins, boolean wildcards) {
        if (origins == null || origins.isEmpty() || origins.size() > MAX_ORIGINS) {
            throw AdminRequests.invalid("allowedOrigins is required: 1 to " + MAX_ORIGINS
                    + " origins such as https://www.example.com.");
        }
        Set<String> normalized = new LinkedHashSet<>();
        for (String origin : origins) {
            normalized.add(normalize(origin, wildcards));
        }
        return List.copyOf(normalized);
    }

    static String normalize(@Nullable String origin, boolean wildcards) {
        if (origin == null || origin.isBlank() || origin.length() > MAX_LENGTH) {
            throw AdminRequests.invalid("Each allowed origin must be a URL such as https://www.example.com.");
        }
        String candidate = origin.strip();
        boolean wildcard = candidate.contains("*");
        if (wildcard && !wildcards) {
            throw AdminRequests.invalid("Wildcard origins are not allowed unless allowWildcardOrigins is true: list each "
                    + "site's origin, such as https://www.example.com.");
        }
        if (wildcard) {
            int star = candidate.indexOf("://*.");
            if (star < 0 || candidate.indexOf('*') != star + 3 || candidate.indexOf('*', star + 4) >= 0) {
                throw AdminRequests.invalid("A wildcard origin must be a scheme, *. and a domain, such as "
                        + "https://*.example.com.");
            }
            // Validated like any origin with the wildcard label replaced, then written back with it.
            String normalized = normalize(candidate.substring(0, star + 3) + "wildcard" + candidate.substring(star + 4),
                    false);
            String host = normalized.substring(normalized.indexOf("://") + 3).split(":")[0];
            if (host.split("\\.").length < 3) {
                throw AdminRequests.invalid("A wildcard origin must name a domain of at least two labels, such as "
                        + "https://*.example.com.");
            }
            return normalized.replaceFirst("://wildcard\\.", "://*.");
        }
        URI uri;
        try {
            uri = new URI(candidate);
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
