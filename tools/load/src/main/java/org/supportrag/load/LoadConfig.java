package org.supportrag.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What to run, from system properties ({@code load.conversations}) or the environment ({@code LOAD_CONVERSATIONS});
 * Main passes its options as system properties because Gatling instantiates the simulation itself.
 */
record LoadConfig(List<String> baseUrls, String origin, String widgetKey, String adminKey, String knowledgeBase,
        int conversations, Duration duration, Duration think, int minTurns, int maxTurns, double unanswerableShare,
        double personShare, double feedbackShare, int agents, Duration ingestEvery, Duration turnTimeout,
        Path output, boolean failover, @Nullable Path faultFile, @Nullable Duration faultRecovery) {

    static LoadConfig from(Function<String, @Nullable String> lookup) {
        // Several gateways: each virtual user gets one in turn; with failover it moves to another one when a request
        // gets no answer, as behind a balancer (a replica killed in production is taken out of its pool).
        List<String> baseUrls = Arrays.stream(value(lookup, "base-url", "http://127.0.0.1:8080").split(","))
            .map((url) -> url.strip().replaceAll("/+$", ""))
            .toList();
        return new LoadConfig(baseUrls, value(lookup, "origin", baseUrls.getFirst()), value(lookup, "widget-key", "demo-widget-key"),
                value(lookup, "admin-key", "demo-admin-key"), value(lookup, "knowledge-base", "default"),
                Integer.parseInt(value(lookup, "conversations", "20")),
                Duration.ofSeconds(Long.parseLong(value(lookup, "duration-s", "120"))),
                Duration.ofMillis(Long.parseLong(value(lookup, "think-ms", "2000"))),
                Integer.parseInt(value(lookup, "min-turns", "2")), Integer.parseInt(value(lookup, "max-turns", "5")),
                Double.parseDouble(value(lookup, "unanswerable-share", "0.1")),
                Double.parseDouble(value(lookup, "person-share", "0.1")),
                Double.parseDouble(value(lookup, "feedback-share", "0.3")),
                Integer.parseInt(value(lookup, "agents", "1")),
                Duration.ofSeconds(Long.parseLong(value(lookup, "ingest-every-s", "15"))),
                Duration.ofSeconds(Long.parseLong(value(lookup, "turn-timeout-s", "60"))),
                Path.of(value(lookup, "output", "target/load")),
                Boolean.parseBoolean(value(lookup, "failover", "true")), optional(lookup, "fault-file").map(Path::of)
                    .orElse(null),
                optional(lookup, "fault-recovery-s").map((s) -> Duration.ofSeconds(Long.parseLong(s))).orElse(null));
    }

    /** System properties first, then the environment. */
    static LoadConfig fromSystem() {
        Map<String, String> env = System.getenv();
        return from(name -> {
            String property = System.getProperty("load." + name);
            return property != null ? property : env.get("LOAD_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
        });
    }

    private static java.util.Optional<String> optional(Function<String, @Nullable String> lookup, String name) {
        String value = lookup.apply(name);
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value.strip());
    }

    private static String value(Function<String, @Nullable String> lookup, String name, String fallback) {
        String value = lookup.apply(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
