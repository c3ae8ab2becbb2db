package org.supportrag.generation.chat;

import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import org.supportrag.defaults.web.EventStreams;
import org.supportrag.generation.GenerationProperties;

/**
 * What both chat APIs (ours and the OpenAI-compatible one) need to answer a request: its trace id, and a virtual
 * thread for a streamed answer that carries the request's context (the caller, for the internal token to retrieval,
 * and the trace, for traceparent).
 */
@Component
public class TurnStreams {

    private final Tracer tracer;
    private final long timeoutMillis;
    private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

    TurnStreams(ObjectProvider<Tracer> tracer, GenerationProperties properties) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.timeoutMillis = properties.streamTimeout().toMillis();
    }

    /** The current request's trace id; empty without tracing. */
    public String traceId() {
        Span span = tracer.currentSpan();
        return span == null ? "" : span.context().traceId();
    }

    /** How long a stream may stay open ({@code rag.generation.stream-timeout}). */
    public long timeoutMillis() {
        return timeoutMillis;
    }

    /**
     * Sends the event stream's headers on the request's thread ({@link EventStreams#commit}), then runs the answer on
     * its own virtual thread with this request's context.
     */
    public void start(String threadPrefix, HttpServletResponse response, Runnable answer) {
        EventStreams.commit(response);
        Thread.ofVirtual().name(threadPrefix, 0).start(snapshots.captureAll().wrap(answer));
    }
}
