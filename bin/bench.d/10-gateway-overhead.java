// Load generator of bin/bench.d/10-gateway-overhead (launched as a single-file Java program; not executable itself).
// Serves a tiny JSON backend on BACKEND_PORT, then calls the same backend directly and through the gateway at a
// constant request rate (open model: latency counts from each request's scheduled start, so a stalled server cannot
// hide its queue). Prints one JSON object per measurement.
//
// args: backendPort gatewayUrl widgetKey rate warmupSeconds measureSeconds variant rounds

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.sun.net.httpserver.HttpServer;

public class GatewayOverhead {

    static final byte[] BODY = "{\"message\":\"Where is my parcel?\"}".getBytes(StandardCharsets.UTF_8);
    static final byte[] ANSWER = "{\"answer\":\"It is on its way.\"}".getBytes(StandardCharsets.UTF_8);

    record Result(String target, long requests, long errors, double p50, double p90, double p99, double max) {
    }

    public static void main(String[] args) throws Exception {
        int backendPort = Integer.parseInt(args[0]);
        String gateway = args[1];
        String widgetKey = args[2];
        int rate = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        int measure = Integer.parseInt(args[5]);
        String label = args[6];
        int rounds = Integer.parseInt(args[7]);

        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", backendPort), 512);
        backend.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, ANSWER.length);
                exchange.getResponseBody().write(ANSWER);
            }
        });
        backend.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        backend.start();
        System.err.println("[bench] backend on :" + backendPort + ", waiting for the gateway at " + gateway);

        HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(2))
            .build();
        HttpRequest direct = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backendPort + "/api/v1/chat"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofByteArray(BODY))
            .build();
        HttpRequest proxied = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/chat"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("X-Api-Key", widgetKey)
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofByteArray(BODY))
            .build();

        waitForGateway(client, gateway);
        // Ramp up (a fifth, half, then the full rate): a cold JVM at full rate only measures its JIT compiler.
        System.err.println("[bench] warming up " + warmup + " s per target, ramping to " + rate + "/s");
        for (int step : new int[] { Math.max(1, rate / 5), Math.max(1, rate / 2), rate }) {
            run(client, direct, step, Math.max(1, warmup / 3), "direct");
            run(client, proxied, step, Math.max(1, warmup / 3), "gateway");
        }
        Result bestDirect;
        Result bestGateway;
        // Alternate the two, so drifting machine load hits both alike.
        Result[] directs = new Result[rounds];
        Result[] gateways = new Result[rounds];
        for (int round = 0; round < rounds; round++) {
            directs[round] = run(client, direct, rate, measure, "direct");
            gateways[round] = run(client, proxied, rate, measure, "gateway");
            print(label, directs[round], rate, round);
            print(label, gateways[round], rate, round);
        }
        bestDirect = median(directs);
        bestGateway = median(gateways);
        // Added latency per round (each gateway round against the direct round just before it), median over rounds.
        double[] p50s = new double[rounds];
        double[] p99s = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            p50s[round] = gateways[round].p50() - directs[round].p50();
            p99s[round] = gateways[round].p99() - directs[round].p99();
        }
        Arrays.sort(p50s);
        Arrays.sort(p99s);
        double addedP50 = p50s[rounds / 2];
        double addedP99 = p99s[rounds / 2];
        System.out.println(String.format(Locale.ROOT,
                "{\"benchmark\":\"gateway-overhead\",\"variant\":\"%s\",\"metric\":\"added_latency\",\"rate\":%d,"
                        + "\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"direct_p50_ms\":%.3f,\"direct_p99_ms\":%.3f,"
                        + "\"gateway_p50_ms\":%.3f,\"gateway_p99_ms\":%.3f,\"goal_p50_ms\":1,\"goal_p99_ms\":5,"
                        + "\"goal_met\":%b}",
                label, rate, addedP50, addedP99, bestDirect.p50(), bestDirect.p99(), bestGateway.p50(),
                bestGateway.p99(), addedP50 <= 1 && addedP99 <= 5));
        backend.stop(0);
        System.exit(0);
    }

    static void waitForGateway(HttpClient client, String gateway) throws InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(URI.create(gateway + "/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(2))
            .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            }
            catch (java.io.IOException ex) {
                // not up yet
            }
            Thread.sleep(500);
        }
        System.err.println("[bench] the gateway did not become ready");
        System.exit(2);
    }

    static Result median(Result[] results) {
        Result[] sorted = results.clone();
        Arrays.sort(sorted, (a, b) -> Double.compare(a.p50(), b.p50()));
        return sorted[sorted.length / 2];
    }

    static void print(String label, Result result, int rate, int round) {
        System.out.println(String.format(Locale.ROOT,
                "{\"benchmark\":\"gateway-overhead\",\"variant\":\"%s\",\"target\":\"%s\",\"round\":%d,\"rate\":%d,"
                        + "\"requests\":%d,\"errors\":%d,\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f}",
                label, result.target(), round, rate, result.requests(), result.errors(), result.p50(), result.p90(),
                result.p99(), result.max()));
    }

    /** Sends {@code rate} requests per second for {@code seconds}, each at its scheduled instant. */
    static Result run(HttpClient client, HttpRequest request, int rate, int seconds, String target)
            throws InterruptedException {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger errors = new AtomicInteger();
        CompletableFuture<?>[] calls = new CompletableFuture<?>[total];
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 200_000));
            }
            int index = i;
            calls[i] = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, ex) -> {
                latencies[index] = System.nanoTime() - scheduled;
                if (ex != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                }
            });
        }
        CompletableFuture.allOf(calls).exceptionally(ex -> null).join();
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Result(target, total, errors.get(), ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.90)),
                ms(percentile(sorted, 0.99)), ms(sorted[sorted.length - 1]));
    }

    static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
