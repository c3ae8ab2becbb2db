package org.supportrag.defaults.telemetry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Gauges that a scheduled job sets from figures it computed or read: one per name and tags, registered on first use,
 * each keeping its last value ({@code NaN} until set) until it is set again.
 */
public final class LastValueGauges {

    private record Key(String name, Tags tags) {
    }

    private final Map<Key, AtomicReference<Double>> values = new ConcurrentHashMap<>();

    public void set(MeterRegistry meters, String name, String description, double value, String... tags) {
        values.computeIfAbsent(new Key(name, Tags.of(tags)), key -> {
            AtomicReference<Double> holder = new AtomicReference<>(Double.NaN);
            Gauge.builder(name, holder, AtomicReference::get).tags(key.tags()).description(description).register(meters);
            return holder;
        }).set(value);
    }
}
