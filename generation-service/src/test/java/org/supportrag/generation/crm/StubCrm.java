package org.supportrag.generation.crm;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A CRM REST API for tests over real HTTP: {@code GET /customers/{id}}, {@code /customers/{id}/account} and
 * {@code /customers/{id}/orders} answer fixed JSON for customer {@value #CUSTOMER}, 404 for others; status and
 * delay can be scripted; every request is recorded.
 */
final class StubCrm implements AutoCloseable {

    static final String CUSTOMER = "cust-4711";
    static final String EMAIL = "maya.okafor@example.com";
    static final String PROFILE = "{\"id\":\"cust-4711\",\"name\":\"Maya Okafor\",\"email\":\"" + EMAIL
            + "\",\"customerSince\":\"2023-04-02\"}";
    static final String ACCOUNT = "{\"plan\":\"Pro\",\"billing\":\"annual\",\"status\":\"active\"}";
    static final String ORDERS = "{\"orders\":[{\"id\":\"PO-88213\",\"status\":\"in transit\",\"carrier\":\"UPS\"}]}";

    record Request(String path, String authorization) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile Duration delay = Duration.ZERO;

    StubCrm() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    void status(int status) {
        this.status = status;
    }

    void delay(Duration delay) {
        this.delay = delay;
    }

    void reset() {
        requests.clear();
        status = 200;
        delay = Duration.ZERO;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(path, exchange.getRequestHeaders().getFirst("Authorization")));
            if (delay.isPositive()) {
                try {
                    Thread.sleep(delay);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (status != 200) {
                send(exchange, status, "{\"error\":\"scripted\"}");
                return;
            }
            String prefix = "/customers/" + CUSTOMER;
            String body = path.equals(prefix) ? PROFILE : path.equals(prefix + "/account") ? ACCOUNT
                    : path.equals(prefix + "/orders") ? ORDERS : null;
            if (body == null) {
                send(exchange, 404, "{\"error\":\"not found\"}");
            }
            else {
                send(exchange, 200, body);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
