package org.supportrag.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service, called directly (not through the gateway), refuses a missing internal token and every kind of
 * bad one: forged signature, expired, {@code alg: none}, wrong audience, foreign issuer, no expiry. A well-formed
 * token gets past authentication (so the refusals are about the token); the gateway accepts no internal token at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ServiceLogsOnFailure.class)
class DirectCallsNeedAValidInternalTokenIT {

    /** An authenticated endpoint per service; the body is whatever, authentication comes first. */
    static final Map<String, String> ENDPOINTS = Map.of("ingestion", "/api/v1/knowledge-bases/default/documents",
            "retrieval", "/api/v1/search", "generation", "/api/v1/chat", "eval", "/api/v1/feedback");

    Platform platform;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() {
        platform = SharedPlatform.platform();
    }

    @Test
    void everyServiceRefusesMissingForgedExpiredUnsignedAndMisaddressedTokens() throws Exception {
        long now = Instant.now().getEpochSecond();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("none", null);
        tokens.put("forged signature", hs256("another-secret-0123456789abcdefghijklmnop", claims("gateway-service",
                "supportrag-internal", now + 120)));
        tokens.put("expired", hs256(Platform.SECRET, claims("gateway-service", "supportrag-internal", now - 600)));
        tokens.put("alg none", unsigned(claims("gateway-service", "supportrag-internal", now + 120)));
        tokens.put("wrong audience", hs256(Platform.SECRET, claims("gateway-service", "someone-else", now + 120)));
        tokens.put("foreign issuer", hs256(Platform.SECRET, claims("attacker", "supportrag-internal", now + 120)));
        tokens.put("no expiry", hs256(Platform.SECRET, claims("gateway-service", "supportrag-internal", null)));

        for (Map.Entry<String, String> endpoint : ENDPOINTS.entrySet()) {
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                HttpResponse<String> response = call(platform.url(endpoint.getKey()) + endpoint.getValue(),
                        token.getValue());
                assertThat(response.statusCode()).as("%s with %s token", endpoint.getKey(), token.getKey()).isEqualTo(401);
                assertThat(response.headers().firstValue("Content-Type")).as(endpoint.getKey())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            }
            String valid = hs256(Platform.SECRET, claims("gateway-service", "supportrag-internal", now + 120));
            assertThat(call(platform.url(endpoint.getKey()) + endpoint.getValue(), valid).statusCode())
                .as("%s with a valid token gets past authentication", endpoint.getKey())
                .isNotEqualTo(401);
        }
    }

    @Test
    void theGatewayAcceptsNoInternalTokenFromClients() throws Exception {
        long now = Instant.now().getEpochSecond();
        String valid = hs256(Platform.SECRET, claims("gateway-service", "supportrag-internal", now + 120));

        HttpResponse<String> response = call(platform.gateway() + "/api/v1/knowledge-bases/default/documents", valid);

        assertThat(response.statusCode()).isEqualTo(401);
    }

    /** What TimeToFirstTokenBench's warm-up reads: open internally, with an operator's key at the gateway. */
    @Test
    void everyServiceReportsItsCompileTimeToTheMetricsEndpoint() {
        for (String service : Platform.SERVICES) {
            assertThat(platform.compilationMillis(service)).as(service).isPositive();
        }
    }

    private HttpResponse<String> call(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\",\"query\":\"hi\"}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String claims(String issuer, String audience, Long exp) {
        return "{\"iss\":\"" + issuer + "\",\"sub\":\"attacker\",\"aud\":[\"" + audience + "\"],\"tenant\":\"demo\","
                + "\"roles\":[\"admin\",\"customer\",\"service\"],\"groups\":[]" + (exp == null ? "" : ",\"exp\":" + exp)
                + ",\"iat\":" + (Instant.now().getEpochSecond() - 5) + "}";
    }

    private static String hs256(String secret, String claims) throws Exception {
        String signingInput = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signingInput + "." + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String unsigned(String claims) {
        return base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64(claims) + ".";
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
