package org.supportrag.load;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateways a virtual user may talk to: one each in turn, and the next one after a failure when failover is on
 * (what a balancer in front of the replicas does; without it a customer stays on a killed replica).
 */
final class Gateways {

    private final List<String> urls;

    private final boolean failover;

    private final AtomicInteger assigned = new AtomicInteger();

    Gateways(List<String> urls, boolean failover) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one gateway URL");
        }
        this.urls = List.copyOf(urls);
        this.failover = failover;
    }

    String assign() {
        return this.urls.get(Math.floorMod(this.assigned.getAndIncrement(), this.urls.size()));
    }

    /** The gateway after {@code current}, round the list; {@code current} itself with failover off. */
    String next(String current) {
        if (!this.failover) {
            return current;
        }
        return this.urls.get((this.urls.indexOf(current) + 1) % this.urls.size());
    }

    boolean severalWithFailover() {
        return this.failover && this.urls.size() > 1;
    }
}
