package org.supportrag.defaults.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Commits a server-sent event stream's response (status and headers) on the request's own thread, before any other
 * thread writes to it. Without this, a stream whose events come from another thread (a chat turn, a replay, a
 * heartbeat) could commit the response while the request thread was still unwinding its filters, and Spring
 * Security's header writer adds its headers just then; Tomcat's header list is not thread-safe, and under load about
 * one response in a thousand went out with a header line that had no name, which the gateway refused (a 502).
 */
public final class EventStreams {

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

    private EventStreams() {
    }

    /**
     * Sets the event stream's content type and no-buffering headers and sends them. A client already gone is not an
     * error here: the caller goes on, and what it sends next is dropped the usual way.
     */
    public static void commit(HttpServletResponse response) {
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        // Proxies must pass each event through at once.
        response.setHeader("X-Accel-Buffering", "no");
        try {
            response.flushBuffer();
        }
        catch (IOException ex) {
            log.debug("Event stream client gone before the first event: {}", ex.getMessage());
        }
    }
}
