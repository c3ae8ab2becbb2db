package org.supportrag.ingestion.source;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import org.supportrag.ingestion.IngestionProperties;
import org.supportrag.ingestion.chunking.ChunkingSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SSRF protection of URL imports, against a real HTTP server on loopback. */
class UrlFetcherTests {

    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/page", exchange -> respond(exchange, 200, "<html><body><h1>Shipping</h1></body></html>"));
        server.createContext("/to-private", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://192.168.10.1/admin");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/to-metadata", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        server.createContext("/to-file", exchange -> {
            exchange.getResponseHeaders().set("Location", "file:///etc/passwd");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/to-page", exchange -> {
            exchange.getResponseHeaders().set("Location", "/page");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/big", exchange -> respond(exchange, 200, "x".repeat(20_000)));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void refusesLoopbackAddresses() throws IOException {
        try (UrlFetcher fetcher = fetcher(false)) {
            assertRefused(fetcher, base + "/page");
            assertRefused(fetcher, "http://[::1]:" + server.getAddress().getPort() + "/page");
        }
    }

    @Test
    void refusesAHostNameThatResolvesToLoopback() throws IOException {
        try (UrlFetcher fetcher = fetcher(false)) {
            assertRefused(fetcher, "http://localhost:" + server.getAddress().getPort() + "/page");
        }
    }

    @Test
    void refusesPrivateLinkLocalAndMetadataAddresses() throws IOException {
        try (UrlFetcher fetcher = fetcher(false)) {
            assertRefused(fetcher, "http://10.0.0.8/");
            assertRefused(fetcher, "http://172.16.5.4:8080/");
            assertRefused(fetcher, "http://192.168.1.1/");
            assertRefused(fetcher, "http://169.254.169.254/latest/meta-data/");
            assertRefused(fetcher, "http://[fd00::1]/");
            assertRefused(fetcher, "http://0.0.0.0/");
        }
    }

    @Test
    void checksEveryRedirectTarget() throws Exception {
        // Loopback allowed so the test server answers; private and metadata addresses stay refused.
        try (UrlFetcher fetcher = new UrlFetcher(properties(true, false))) {
            assertRefused(fetcher, base + "/to-private");
            assertRefused(fetcher, base + "/to-metadata");
            assertThatThrownBy(() -> fetcher.fetch(base + "/to-file")).isInstanceOf(UrlFetcher.FetchException.class)
                .hasMessage("only http and https URLs can be imported");
            assertThat(new String(fetcher.fetch(base + "/to-page").content(), StandardCharsets.UTF_8)).contains("Shipping");
        }
    }

    @Test
    void checksEveryAddressAHostResolvesTo() throws IOException {
        UrlFetcher.CheckingResolver resolver = new UrlFetcher.CheckingResolver(false, false);
        assertThatThrownBy(() -> resolver.resolve("localhost")).isInstanceOf(UrlFetcher.BlockedAddressException.class);
        assertThatThrownBy(() -> resolver.resolve("192.168.10.1")).isInstanceOf(UrlFetcher.BlockedAddressException.class);
        assertThatThrownBy(() -> resolver.resolve("169.254.169.254")).isInstanceOf(UrlFetcher.BlockedAddressException.class);
        assertThatThrownBy(() -> resolver.resolve("::ffff:127.0.0.1")).isInstanceOf(UrlFetcher.BlockedAddressException.class);
        assertThat(resolver.resolve("93.184.215.14")).hasSize(1);
    }

    @Test
    void refusesOtherSchemesAndCredentials() {
        assertThatThrownBy(() -> UrlFetcher.validate("file:///etc/passwd")).hasMessage("only http and https URLs can be imported");
        assertThatThrownBy(() -> UrlFetcher.validate("gopher://example.com/")).hasMessage("only http and https URLs can be imported");
        assertThatThrownBy(() -> UrlFetcher.validate("http://user:secret@example.com/")).hasMessage("URLs with credentials are not imported");
    }

    @Test
    void fetchesAllowedPagesWithinTheSizeLimit() throws Exception {
        try (UrlFetcher fetcher = new UrlFetcher(properties(true, false))) {
            UrlFetcher.Page page = fetcher.fetch(base + "/page");
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(new String(page.content(), StandardCharsets.UTF_8)).contains("<h1>Shipping</h1>");
            assertThatThrownBy(() -> fetcher.fetch(base + "/big")).isInstanceOf(UrlFetcher.FetchException.class)
                .hasMessage("page larger than 10KB");
        }
    }

    private static void assertRefused(UrlFetcher fetcher, String url) {
        assertThatThrownBy(() -> fetcher.fetch(url)).as(url).isInstanceOfSatisfying(UrlFetcher.FetchException.class, ex -> {
            assertThat(ex.getMessage()).contains("refused");
            assertThat(ex.retryable()).isFalse();
        });
    }

    private static UrlFetcher fetcher(boolean allowPrivate) {
        return new UrlFetcher(properties(false, allowPrivate));
    }

    static IngestionProperties properties(boolean allowLoopback, boolean allowPrivate) {
        return new IngestionProperties(java.net.URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1), Duration.ofSeconds(1),
                java.net.URI.create("http://127.0.0.1:1"), ChunkingSettings.defaults(), Map.of(), DataSize.ofMegabytes(1),
                new IngestionProperties.Jobs("t", 0, Duration.ofSeconds(1), Duration.ofSeconds(10), 3, Duration.ofSeconds(1),
                        Duration.ofSeconds(10), Duration.ofDays(30), Duration.ofHours(1)),
                new IngestionProperties.Archives(10, DataSize.ofMegabytes(1), 100, 2),
                new IngestionProperties.FolderImport(List.of(), 10),
                new IngestionProperties.UrlImport(allowLoopback, allowPrivate, DataSize.ofKilobytes(10), Duration.ofSeconds(5), 3, 10));
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
