package org.supportrag.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints the tail of every service log when an end-to-end test fails: the failure is usually in there. */
final class ServiceLogsOnFailure implements TestWatcher {

    static volatile Platform platform;

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Platform current = platform;
        if (current != null) {
            for (String service : Platform.SERVICES) {
                System.err.println("===== " + service + " (tail) =====\n" + current.tail(service));
            }
        }
    }
}
