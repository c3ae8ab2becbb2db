package org.supportrag.gateway.ratelimit;

/**
 * What a bucket counts. Declared narrowest first: buckets are checked in this order, so a caller rejected by a
 * narrow limit does not also drain the wider buckets behind it.
 */
enum Scope {

    /** A widget key without Origin nor signed visitor, per client IP: stricter than {@link #CLIENT_IP}. */
    ANONYMOUS("anon"),
    CLIENT_IP("ip"), END_USER("user"), WIDGET_KEY("key"),
    /** A secret API key (seeding, ragctl, CI): its own budget instead of the address limit; the tenant's applies. */
    API_KEY("apikey"),
    TENANT("tenant");

    private final String prefix;

    Scope(String prefix) {
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }
}
