package org.supportrag.gateway.ratelimit;

/**
 * What a bucket counts. Declared narrowest first: buckets are checked in this order, so a caller rejected by a
 * narrow limit does not also drain the wider buckets behind it.
 */
enum Scope {

    CLIENT_IP("ip"), END_USER("user"), WIDGET_KEY("key"), TENANT("tenant");

    private final String prefix;

    Scope(String prefix) {
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }
}
