package org.supportrag.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/** A minimal OTLP/HTTP trace receiver: what a collector would get from the services, kept for assertions. */
final class OtlpTraceCollector implements AutoCloseable {

    /** @param attributes the span's attributes as strings (numbers and booleans in their text form) */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
            java.util.Map<String, String> attributes) {
    }

    private final HttpServer server;
    // Appended to on every export: a copy-on-write list would copy every span received so far each time.
    private final Queue<ReceivedSpan> spans = new ConcurrentLinkedQueue<>();
    private final boolean retain;
    private final AtomicLong received = new AtomicLong();

    OtlpTraceCollector() throws IOException {
        this(true);
    }

    /** @param retain keep the spans for {@link #spansOf}; benchmarks only count them */
    OtlpTraceCollector(boolean retain) throws IOException {
        this.retain = retain;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/traces", exchange -> {
            try (InputStream raw = exchange.getRequestBody()) {
                InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new GZIPInputStream(raw) : raw;
                record(ExportTraceServiceRequest.parseFrom(body));
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                byte[] ok = io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse.getDefaultInstance()
                    .toByteArray();
                exchange.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
                if (ok.length > 0) {
                    exchange.getResponseBody().write(ok);
                }
            }
            catch (IOException | RuntimeException ex) {
                exchange.sendResponseHeaders(400, -1);
            }
            finally {
                exchange.close();
            }
        });
        server.createContext("/v1/logs", exchange -> {
            try (InputStream raw = exchange.getRequestBody()) {
                InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new GZIPInputStream(raw) : raw;
                recordLogs(io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest.parseFrom(body));
                exchange.sendResponseHeaders(200, -1);
            }
            catch (IOException | RuntimeException ex) {
                exchange.sendResponseHeaders(400, -1);
            }
            finally {
                exchange.close();
            }
        });
        server.createContext("/v1/metrics", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A log record as a collector would get it: the service, the trace it was written in, level and text. */
    record ReceivedLog(String service, String traceId, String severity, String body) {
    }

    private final Queue<ReceivedLog> logs = new ConcurrentLinkedQueue<>();

    /** Log records received so far. */
    List<ReceivedLog> logs() {
        return List.copyOf(logs);
    }

    private void recordLogs(io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (io.opentelemetry.proto.logs.v1.ResourceLogs resourceLogs : request.getResourceLogsList()) {
            String service = resourceLogs.getResource().getAttributesList().stream()
                .filter(attribute -> attribute.getKey().equals("service.name"))
                .map(attribute -> attribute.getValue().getStringValue())
                .findFirst()
                .orElse("unknown");
            for (io.opentelemetry.proto.logs.v1.ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                for (io.opentelemetry.proto.logs.v1.LogRecord record : scopeLogs.getLogRecordsList()) {
                    if (retain) {
                        logs.add(new ReceivedLog(service, hex.formatHex(record.getTraceId().toByteArray()),
                                record.getSeverityText(), record.getBody().getStringValue()));
                    }
                }
            }
        }
    }

    /** Spans received so far. */
    long received() {
        return received.get();
    }

    List<ReceivedSpan> spansOf(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private void record(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            String service = resourceSpans.getResource()
                .getAttributesList()
                .stream()
                .filter(attribute -> attribute.getKey().equals("service.name"))
                .map(KeyValue::getValue)
                .map(value -> value.getStringValue())
                .findFirst()
                .orElse("unknown");
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                received.addAndGet(scopeSpans.getSpansCount());
                if (!retain) {
                    continue;
                }
                for (Span span : scopeSpans.getSpansList()) {
                    spans.add(new ReceivedSpan(service, hex.formatHex(span.getTraceId().toByteArray()),
                            hex.formatHex(span.getSpanId().toByteArray()),
                            hex.formatHex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind().name(),
                            attributes(span)));
                }
            }
        }
    }

    private static java.util.Map<String, String> attributes(Span span) {
        java.util.Map<String, String> attributes = new java.util.LinkedHashMap<>();
        for (KeyValue attribute : span.getAttributesList()) {
            io.opentelemetry.proto.common.v1.AnyValue value = attribute.getValue();
            String text = switch (value.getValueCase()) {
                case STRING_VALUE -> value.getStringValue();
                case INT_VALUE -> String.valueOf(value.getIntValue());
                case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
                case BOOL_VALUE -> String.valueOf(value.getBoolValue());
                default -> value.toString().strip();
            };
            attributes.put(attribute.getKey(), text);
        }
        return attributes;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
