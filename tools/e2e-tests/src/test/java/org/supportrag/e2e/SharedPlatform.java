package org.supportrag.e2e;

import java.time.Duration;

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
            platform = new Platform(traces.endpoint());
            ServiceLogsOnFailure.platform = platform;
            // A busy shared machine starts five JVMs slower: -De2e.start-timeout-s gives them longer.
            platform.awaitReady(Duration.ofSeconds(Long.getLong("e2e.start-timeout-s", 240)));
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
