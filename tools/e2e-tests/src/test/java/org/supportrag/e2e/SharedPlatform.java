package org.supportrag.e2e;

import java.time.Duration;
import java.util.Map;

/**
 * One running platform per failsafe JVM, shared by every IT class: starting five services costs about a minute,
 * so it happens once. Stopped by a shutdown hook when the test JVM exits.
 */
final class SharedPlatform {

    private static Platform platform;
    private static OtlpTraceCollector traces;
    private static RuntimeException failure;

    private SharedPlatform() {
    }

    static synchronized Platform platform() {
        start();
        return platform;
    }

    static synchronized OtlpTraceCollector traces() {
        start();
        return traces;
    }

    private static void start() {
        if (failure != null) {
            // Do not retry a failed start for each class: the first failure says why.
            throw failure;
        }
        if (platform != null) {
            return;
        }
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(SharedPlatform::stop, "platform-stop"));
            traces = new OtlpTraceCollector();
            // The demo baseline gate asks 230 questions one after another, and each answer of the offline answerer
            // embeds its candidate sentences in one batch: with every core for that batch instead of one, the gate
            // takes less time and the vectors, and so the answers, stay the same (one inference, one batch; checked
            // against the committed baseline, which was recorded with one thread).
            // The gate's ragctl calls the chat API without Origin from one address, so the gateway's anonymous
            // limit (30 a minute) held it to one turn per 2 s and most of the gate's time was 429s and Retry-After
            // waits. Higher address limits here let it go as fast as the platform answers (answers unchanged: a
            // limited turn is retried); the limits themselves are tested in gateway-service (RateLimitIT and others).
            platform = Platform.withServiceEnv(traces.endpoint(), Map.of(
                    "generation", Map.of("RAG_EMBEDDING_THREADS", String.valueOf(Runtime.getRuntime().availableProcessors())),
                    "gateway", Map.of("RAG_GATEWAY_RATE_LIMITS_ANONYMOUS", "6000", "RAG_GATEWAY_RATE_LIMITS_CLIENT_IP", "6000")));
            ServiceLogsOnFailure.platform = platform;
            // A loaded machine may need longer: -De2e.start.timeout=PT10M (ISO-8601 duration).
            platform.awaitReady(Duration.parse(System.getProperty("e2e.start.timeout", "PT4M")));
        }
        catch (Exception ex) {
            failure = new IllegalStateException("The platform did not start", ex);
            throw failure;
        }
    }

    private static synchronized void stop() {
        if (platform != null) {
            platform.close();
        }
        if (traces != null) {
            traces.close();
        }
    }
}
