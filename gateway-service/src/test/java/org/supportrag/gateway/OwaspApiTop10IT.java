package org.supportrag.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.gateway.apikeys.KeyHashes;
import org.supportrag.gateway.testing.GatewayIT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway against the OWASP API Security Top 10 (2023), one nested class per applicable item. Real PostgreSQL,
 * the shared HTTP stand-ins for the four services and identity provider's JWKS, and tenants of their own.
 */
@GatewayIT
class OwaspApiTop10IT {

    static final String ISSUER = SharedBackends.ISSUER;
    static final String PROBLEM = "urn:supportrag:problem:";
    static final String SITE = "https://shop.example.com";
    static final String END_USER_SECRET = "end-user-shared-secret-0123456789abcdef";

    static final RSAKey IDP_KEY = SharedBackends.IDP_KEY;
    static final RSAKey ATTACKER_KEY = TestJwts.newRsaKey();
    static final FakeBackend generation = SharedBackends.GENERATION;
    static final FakeBackend ingestion = SharedBackends.INGESTION;
    static final FakeBackend retrieval = SharedBackends.RETRIEVAL;
    static final FakeBackend eval = SharedBackends.EVAL;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("internalJwtDecoder")
    JwtDecoder internalJwtDecoder;

    final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    final JsonMapper json = JsonMapper.builder().build();

    /** A tenant with an admin key, a widget key for {@link #SITE} and an HS256 end-user key. */
    record Tenant(String id, String adminKey, String widgetKey) {
    }

    Tenant tenant() {
        String id = "owasp-" + UUID.randomUUID();
        String adminKey = "admin-" + UUID.randomUUID();
        String widgetKey = "widget-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO tenants (id, name) VALUES (:id, 'OWASP test')").param("id", id).update();
        jdbc.sql("INSERT INTO api_keys (key_hash, tenant_id, name, roles) VALUES (:hash, :tenant, 'Admin', ARRAY['admin'])")
            .param("hash", KeyHashes.sha256Hex(adminKey))
            .param("tenant", id)
            .update();
        jdbc.sql("INSERT INTO widget_keys (key_hash, tenant_id, allowed_origins) VALUES (:hash, :tenant, ARRAY[:origin])")
            .param("hash", KeyHashes.sha256Hex(widgetKey))
            .param("tenant", id)
            .param("origin", SITE)
            .update();
        jdbc.sql("INSERT INTO end_user_token_keys (tenant_id, algorithm, shared_secret) VALUES (:tenant, 'HS256', :secret)")
            .param("tenant", id)
            .param("secret", END_USER_SECRET + id)
            .update();
        return new Tenant(id, adminKey, widgetKey);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    JWTClaimsSet.Builder consoleClaims(Tenant tenant, String email, String... roles) {
        return TestJwts.claims(ISSUER, "console", "user-" + email, Duration.ofMinutes(5))
            .claim("tenant", tenant.id())
            .claim("roles", List.of(roles))
            .claim("email", email);
    }

    String consoleToken(Tenant tenant, String... roles) {
        return TestJwts.rs256(IDP_KEY, consoleClaims(tenant, roles[0] + "@" + tenant.id(), roles).build());
    }

    String userToken(Tenant tenant, String customerId, Duration ttl) {
        return TestJwts.hs256(END_USER_SECRET + tenant.id(),
                TestJwts.claims("https://shop.example.com", "supportrag", customerId, ttl)
                    .claim("groups", List.of("vip"))
                    .build());
    }

    HttpRequest.Builder request(String method, String path, @Nullable String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return request.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), BodyHandlers.ofString());
    }

    HttpResponse<String> bearer(String method, String path, String token, @Nullable String body) throws Exception {
        return send(request(method, path, body).header("Authorization", "Bearer " + token));
    }

    HttpResponse<String> widget(String method, String path, Tenant tenant, @Nullable String body) throws Exception {
        return send(request(method, path, body).header("X-Api-Key", tenant.widgetKey()).header("Origin", SITE));
    }

    void assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.uri(), response.body())
            .isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).path("type").asString()).isEqualTo(PROBLEM + slug);
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "at org.");
    }

    Jwt forwardedToken(FakeBackend backend) throws Exception {
        return forwardedToken(backend.takeRequest());
    }

    Jwt forwardedToken(FakeBackend.Recorded forwarded) {
        String authorization = forwarded.header("authorization");
        assertThat(authorization).isNotNull().startsWith("Bearer ");
        return internalJwtDecoder.decode(authorization.substring("Bearer ".length()));
    }

    // ------------------------------------------------------------------------------------------------ API1

    /** API1:2023 Broken Object Level Authorization. */
    @Nested
    class BrokenObjectLevelAuthorization {

        record IdRoute(String method, String path, FakeBackend backend, String role) {
        }

        @Test
        void everyRouteThatTakesAnIdActsForTheCallersTenantWhateverTheRequestClaims() throws Exception {
            Tenant victim = tenant();
            Tenant caller = tenant();
            String id = UUID.randomUUID().toString();
            List<IdRoute> routes = List.of(new IdRoute("GET", "/api/v1/conversations/" + id, generation, "customer"),
                    new IdRoute("POST", "/api/v1/conversations/" + id + "/escalate", generation, "customer"),
                    new IdRoute("GET", "/api/v1/conversations/" + id, generation, "agent"),
                    new IdRoute("POST", "/api/v1/conversations/" + id + "/agent-replies", generation, "agent"),
                    new IdRoute("POST", "/api/v1/escalations/" + id + "/claim", generation, "agent"),
                    new IdRoute("POST", "/api/v1/escalations/" + id + "/resolve", generation, "agent"),
                    new IdRoute("GET", "/api/v1/labels?conversationId=" + id, eval, "agent"),
                    new IdRoute("GET", "/api/v1/prompts/" + id, generation, "admin"),
                    new IdRoute("PUT", "/api/v1/prompts/" + id, generation, "admin"),
                    new IdRoute("DELETE", "/api/v1/knowledge-bases/default/documents/" + id, ingestion, "admin"),
                    new IdRoute("GET", "/api/v1/knowledge-bases/default/documents/" + id, ingestion, "admin"),
                    new IdRoute("GET", "/api/v1/eval/runs/" + id, eval, "admin"),
                    new IdRoute("GET", "/api/v1/budgets/" + victim.id(), generation, "admin"),
                    new IdRoute("GET", "/api/v1/usage/" + victim.id(), generation, "ops"));
            for (IdRoute route : routes) {
                HttpRequest.Builder request = request(route.method(), route.path() + (route.path().contains("?") ? "&" : "?")
                        + "tenant=" + victim.id(), route.method().equals("GET") || route.method().equals("DELETE") ? null
                                : "{\"tenantId\":\"" + victim.id() + "\",\"text\":\"hi\"}")
                    .header("X-Tenant-Id", victim.id())
                    .header("X-Internal-Token", "forged")
                    .header("X-User-Roles", "admin");
                if (route.role().equals("customer")) {
                    request.header("X-Api-Key", caller.widgetKey()).header("Origin", SITE);
                }
                else {
                    request.header("Authorization", "Bearer " + consoleToken(caller, route.role()));
                }

                HttpResponse<String> response = send(request);

                assertThat(response.statusCode()).as("%s %s", route.method(), route.path()).isEqualTo(200);
                FakeBackend.Recorded forwarded = route.backend().takeRequest();
                assertThat(forwardedToken(forwarded).getClaimAsString("tenant")).as(route.path()).isEqualTo(caller.id());
                assertThat(forwarded.headers()).as(route.path())
                    .doesNotContainKeys("x-tenant-id", "x-internal-token", "x-user-roles", "x-api-key");
            }
        }

        @Test
        void anotherTenantsKeysLimitsAndAuditEventsAreNotFound() throws Exception {
            Tenant owner = tenant();
            Tenant intruder = tenant();
            JsonNode created = json.readTree(send(request("POST", "/api/v1/admin/api-keys", "{\"name\":\"k\",\"roles\":[\"admin\"]}")
                .header("X-Api-Key", owner.adminKey())).body());

            assertProblem(send(request("DELETE", "/api/v1/admin/api-keys/" + created.path("id").asString(), null)
                .header("X-Api-Key", intruder.adminKey())), 404, "api-key-not-found");
            assertProblem(send(request("GET", "/api/v1/admin/tenants/" + owner.id() + "/limits", null)
                .header("X-Api-Key", intruder.adminKey())), 404, "tenant-not-found");
            assertProblem(send(request("PUT", "/api/v1/admin/tenants/" + owner.id() + "/limits", "{\"tenant\":1}")
                .header("X-Api-Key", intruder.adminKey())), 404, "tenant-not-found");
            String events = send(request("GET", "/api/v1/admin/audit-events", null).header("X-Api-Key", intruder.adminKey()))
                .body();
            assertThat(events).doesNotContain(created.path("id").asString());
            assertThat(send(request("GET", "/api/v1/admin/api-keys", null).header("X-Api-Key", created.path("key").asString()))
                .statusCode()).as("the owner's key still works").isEqualTo(200);
        }
    }

    // ------------------------------------------------------------------------------------------------ API2

    /** API2:2023 Broken Authentication: console tokens, end-user tokens (internal tokens: InternalTokenTests). */
    @Nested
    class BrokenAuthentication {

        @Test
        void acceptsAValidConsoleTokenAndTakesTenantRolesAndSubjectFromIt() throws Exception {
            Tenant tenant = tenant();

            HttpResponse<String> response = bearer("GET", "/api/v1/escalations", consoleToken(tenant, "agent"), null);

            assertThat(response.statusCode()).isEqualTo(200);
            Jwt internal = forwardedToken(generation);
            assertThat(internal.getClaimAsString("tenant")).isEqualTo(tenant.id());
            assertThat(internal.getClaimAsStringList("roles")).containsExactly("agent");
            assertThat(internal.getSubject()).isEqualTo("agent@" + tenant.id());
        }

        @Test
        void refusesExpiredForgedUnsignedWrongAudienceWrongIssuerAndExpiryLessConsoleTokens() throws Exception {
            Tenant tenant = tenant();
            JWTClaimsSet valid = consoleClaims(tenant, "a@x", "admin").build();
            Map<String, String> tokens = Map.of(
                    "expired", TestJwts.rs256(IDP_KEY, TestJwts.claims(ISSUER, "console", "a", Duration.ofMinutes(-5))
                        .claim("tenant", tenant.id()).claim("roles", List.of("admin")).build()),
                    "forged", TestJwts.rs256(ATTACKER_KEY, valid),
                    "alg none", TestJwts.unsigned(valid),
                    "hs256 with the public key id", TestJwts.hs256("x".repeat(64), valid),
                    "wrong audience", TestJwts.rs256(IDP_KEY, new JWTClaimsSet.Builder(valid).audience("other-app").build()),
                    "wrong issuer", TestJwts.rs256(IDP_KEY, new JWTClaimsSet.Builder(valid).issuer("https://evil.example").build()),
                    "no expiry", TestJwts.rs256(IDP_KEY, new JWTClaimsSet.Builder(valid).expirationTime(null).build()));

            for (Map.Entry<String, String> token : tokens.entrySet()) {
                HttpResponse<String> response = bearer("GET", "/api/v1/escalations", token.getValue(), null);
                assertThat(response.statusCode()).as(token.getKey()).isEqualTo(401);
                assertProblem(response, 401, "invalid-token");
            }
            // A valid token naming no tenant, of an identity no invitation made a member: signed in, but of no tenant.
            assertProblem(bearer("GET", "/api/v1/escalations",
                    TestJwts.rs256(IDP_KEY, new JWTClaimsSet.Builder(valid).claim("tenant", null).build()), null), 403,
                    "not-a-member");
            assertThat(generation.receivedNothing()).isTrue();
        }

        @Test
        void neverGrantsTheServiceRoleFromAConsoleToken() throws Exception {
            Tenant tenant = tenant();
            String token = TestJwts.rs256(IDP_KEY, consoleClaims(tenant, "s@x", "service").build());

            assertProblem(bearer("POST", "/api/v1/knowledge-bases/default/documents", token, "{}"), 403, "forbidden");
            assertProblem(bearer("GET", "/api/v1/escalations", token, null), 403, "forbidden");
        }

        @Test
        void aSignedEndUserTokenNamesTheCustomerAndTheirGroups() throws Exception {
            Tenant tenant = tenant();

            HttpResponse<String> response = send(request("POST", "/api/v1/chat", "{\"message\":\"hi\"}")
                .header("X-Api-Key", tenant.widgetKey())
                .header("Origin", SITE)
                .header("X-User-Token", userToken(tenant, "crm-42", Duration.ofMinutes(5))));

            assertThat(response.statusCode()).isEqualTo(200);
            Jwt internal = forwardedToken(generation);
            assertThat(internal.getClaimAsString("customer")).isEqualTo("crm-42");
            assertThat(internal.getClaimAsStringList("groups")).containsExactly("vip");
            assertThat(internal.getClaimAsStringList("roles")).containsExactly("customer");
        }

        @Test
        void refusesBadEndUserTokens() throws Exception {
            Tenant tenant = tenant();
            Tenant other = tenant();
            JWTClaimsSet claims = TestJwts.claims("https://shop.example.com", "supportrag", "crm-1", Duration.ofMinutes(5))
                .build();
            Map<String, String> tokens = Map.of("expired", userToken(tenant, "crm-1", Duration.ofMinutes(-5)),
                    "forged", TestJwts.hs256("wrong-secret-0123456789abcdefghijklmnop", claims),
                    "alg none", TestJwts.unsigned(claims),
                    "another tenant's key", userToken(other, "crm-1", Duration.ofMinutes(5)),
                    "no expiry", TestJwts.hs256(END_USER_SECRET + tenant.id(),
                            new JWTClaimsSet.Builder(claims).expirationTime(null).build()),
                    "RS256 for an HS256 tenant", TestJwts.rs256(IDP_KEY, claims),
                    "garbage", "not-a-jwt");

            for (Map.Entry<String, String> token : tokens.entrySet()) {
                HttpResponse<String> response = send(request("POST", "/api/v1/chat", "{\"message\":\"hi\"}")
                    .header("X-Api-Key", tenant.widgetKey())
                    .header("X-User-Token", token.getValue()));
                assertThat(response.statusCode()).as(token.getKey()).isEqualTo(401);
                assertProblem(response, 401, "invalid-user-token");
            }
            assertThat(generation.receivedNothing()).isTrue();
        }

        @Test
        void anAdminSetsTheEndUserKeyThroughTheApiWhichNeverShowsTheSecret() throws Exception {
            Tenant tenant = tenant();
            Tenant other = tenant();
            String secret = "rotated-secret-" + UUID.randomUUID();
            String path = "/api/v1/admin/tenants/" + tenant.id() + "/end-user-token-key";

            assertProblem(send(request("PUT", path, "{\"algorithm\":\"HS256\",\"sharedSecret\":\"short\"}")
                .header("X-Api-Key", tenant.adminKey())), 400, "validation");
            assertProblem(send(request("PUT", path, "{\"algorithm\":\"none\"}").header("X-Api-Key", tenant.adminKey())),
                    400, "validation");
            assertProblem(send(request("PUT", path, "{\"algorithm\":\"RS256\",\"jwksUrl\":\"http://169.254.169.254/keys\"}")
                .header("X-Api-Key", tenant.adminKey())), 400, "validation");
            assertProblem(send(request("PUT", path, "{\"algorithm\":\"HS256\",\"sharedSecret\":\"" + secret + "\"}")
                .header("X-Api-Key", other.adminKey())), 404, "tenant-not-found");
            HttpResponse<String> updated = send(request("PUT", path,
                    "{\"algorithm\":\"HS256\",\"sharedSecret\":\"" + secret + "\"}").header("X-Api-Key", tenant.adminKey()));
            HttpResponse<String> read = send(request("GET", path, null).header("X-Api-Key", tenant.adminKey()));

            assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
            assertThat(json.readTree(read.body()).path("sharedSecretSet").asBoolean()).isTrue();
            assertThat(updated.body() + read.body()).doesNotContain(secret);
            String token = TestJwts.hs256(secret,
                    TestJwts.claims("https://shop.example.com", "supportrag", "crm-99", Duration.ofMinutes(5)).build());
            HttpResponse<String> chat = send(request("POST", "/api/v1/chat", "{\"message\":\"hi\"}")
                .header("X-Api-Key", tenant.widgetKey())
                .header("X-User-Token", token));
            assertThat(chat.statusCode()).isEqualTo(200);
            assertThat(forwardedToken(generation).getClaimAsString("customer")).isEqualTo("crm-99");
            assertProblem(send(request("POST", "/api/v1/chat", "{\"message\":\"hi\"}")
                .header("X-Api-Key", tenant.widgetKey())
                .header("X-User-Token", userToken(tenant, "crm-1", Duration.ofMinutes(5)))), 401, "invalid-user-token");
        }

        @Test
        void verifiesRs256EndUserTokensWithTheTenantsPublicKey() throws Exception {
            Tenant tenant = tenant();
            RSAKey siteKey = TestJwts.newRsaKey();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(siteKey.toRSAPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            jdbc.sql("UPDATE end_user_token_keys SET algorithm = 'RS256', shared_secret = NULL, public_key_pem = :pem, "
                    + "issuer = 'https://shop.example.com' WHERE tenant_id = :tenant")
                .param("pem", pem)
                .param("tenant", tenant.id())
                .update();
            JWTClaimsSet.Builder claims = TestJwts.claims("https://shop.example.com", "supportrag", "crm-7",
                    Duration.ofMinutes(5));

            HttpResponse<String> valid = send(request("POST", "/api/v1/chat", "{\"message\":\"hi\"}")
                .header("X-Api-Key", tenant.widgetKey())
                .header("X-User-Token", TestJwts.rs256(siteKey, claims.build())));
            HttpResponse<String> wrongIssuer = send(request("POST", "/api/v1/chat", "{\"message\":\"hi\"}")
                .header("X-Api-Key", tenant.widgetKey())
                .header("X-User-Token", TestJwts.rs256(siteKey, claims.issuer("https://other.example").build())));

            assertThat(valid.statusCode()).isEqualTo(200);
            assertThat(forwardedToken(generation).getClaimAsString("customer")).isEqualTo("crm-7");
            assertProblem(wrongIssuer, 401, "invalid-user-token");
        }
    }

    // ------------------------------------------------------------------------------------------------ API3

    /** API3:2023 Broken Object Property Level Authorization (mass assignment). */
    @Nested
    class BrokenObjectPropertyLevelAuthorization {

        @Test
        void refusesTenantAndRoleFieldsTheClientMayNotSet() throws Exception {
            Tenant tenant = tenant();
            Tenant victim = tenant();

            assertProblem(send(request("POST", "/api/v1/admin/api-keys",
                    "{\"name\":\"x\",\"roles\":[\"admin\"],\"tenantId\":\"" + victim.id() + "\"}")
                .header("X-Api-Key", tenant.adminKey())), 400, "validation");
            assertProblem(send(request("POST", "/api/v1/admin/api-keys", "{\"name\":\"x\",\"roles\":[\"service\"]}")
                .header("X-Api-Key", tenant.adminKey())), 400, "validation");
            assertProblem(send(request("PUT", "/api/v1/admin/tenants/" + tenant.id() + "/limits",
                    "{\"tenant\":5,\"tenantId\":\"" + victim.id() + "\"}")
                .header("X-Api-Key", tenant.adminKey())), 400, "validation");
            assertThat(jdbc.sql("SELECT count(*) FROM tenant_rate_limits WHERE tenant_id IN (:ids)")
                .param("ids", List.of(tenant.id(), victim.id()))
                .query(Long.class)
                .single()).isZero();
        }
    }

    // ------------------------------------------------------------------------------------------------ API4

    /** API4:2023 Unrestricted Resource Consumption. */
    @Nested
    class UnrestrictedResourceConsumption {

        @Test
        void refusesOversizedBodies() throws Exception {
            Tenant tenant = tenant();
            String big = "{\"message\":\"" + "x".repeat(70 * 1024) + "\"}";

            assertProblem(widget("POST", "/api/v1/chat", tenant, big), 413, "payload-too-large");
            assertThat(generation.receivedNothing()).isTrue();
        }

        @Test
        void appliesTenantLimitsChangedAtRunTimeWith429AndRateLimitHeaders() throws Exception {
            Tenant tenant = tenant();
            HttpResponse<String> changed = send(request("PUT", "/api/v1/admin/tenants/" + tenant.id() + "/limits",
                    "{\"widgetKey\":2}")
                .header("X-Api-Key", tenant.adminKey()));
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            assertThat(json.readTree(changed.body()).path("widgetKey").asInt()).isEqualTo(2);

            assertThat(widget("POST", "/api/v1/chat", tenant, "{\"message\":\"1\"}").statusCode()).isEqualTo(200);
            assertThat(widget("POST", "/api/v1/chat", tenant, "{\"message\":\"2\"}").statusCode()).isEqualTo(200);
            HttpResponse<String> limited = widget("POST", "/api/v1/chat", tenant, "{\"message\":\"3\"}");

            assertProblem(limited, 429, "rate-limited");
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            assertThat(limited.headers().firstValue("RateLimit-Limit")).hasValue("2");
            assertThat(limited.headers().firstValue("RateLimit-Remaining")).hasValue("0");
            assertThat(limited.headers().firstValue("RateLimit-Reset")).isPresent();
            assertThat(limited.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                    exposed -> assertThat(exposed).contains("Retry-After"));
        }

        @Test
        void capsPageSizes() throws Exception {
            Tenant tenant = tenant();

            assertProblem(send(request("GET", "/api/v1/admin/audit-events?limit=100000", null)
                .header("X-Api-Key", tenant.adminKey())), 400, "validation");
        }
    }

    // ------------------------------------------------------------------------------------------------ API5

    /** API5:2023 Broken Function Level Authorization: the role matrix. */
    @Nested
    class BrokenFunctionLevelAuthorization {

        record Call(String method, String path, Set<String> allowed) {
        }

        @Test
        void eachRoleReachesExactlyItsRoutes() throws Exception {
            Tenant tenant = tenant();
            String id = UUID.randomUUID().toString();
            List<Call> calls = List.of(new Call("POST", "/api/v1/chat", Set.of("customer")),
                    new Call("POST", "/api/v1/feedback", Set.of("customer")),
                    new Call("POST", "/api/v1/conversations/" + id + "/escalate", Set.of("customer")),
                    new Call("POST", "/v1/chat/completions", Set.of("customer", "agent", "admin")),
                    new Call("GET", "/api/v1/conversations/" + id, Set.of("customer", "agent", "admin")),
                    new Call("GET", "/api/v1/escalations", Set.of("agent", "admin")),
                    new Call("POST", "/api/v1/escalations/" + id + "/claim", Set.of("agent", "admin")),
                    new Call("POST", "/api/v1/escalations/" + id + "/resolve", Set.of("agent", "admin")),
                    new Call("POST", "/api/v1/conversations/" + id + "/agent-replies", Set.of("agent", "admin")),
                    new Call("POST", "/api/v1/labels", Set.of("agent", "admin")),
                    new Call("GET", "/api/v1/labels", Set.of("agent", "admin")),
                    new Call("POST", "/api/v1/knowledge-bases/default/documents", Set.of("admin")),
                    new Call("GET", "/api/v1/prompts", Set.of("admin")),
                    new Call("POST", "/api/v1/search", Set.of("admin")),
                    new Call("POST", "/api/v1/eval/runs", Set.of("admin")),
                    new Call("GET", "/api/v1/eval/runs", Set.of("ops", "admin")),
                    new Call("GET", "/api/v1/usage/daily", Set.of("ops", "admin")),
                    new Call("GET", "/api/v1/budgets", Set.of("admin")),
                    new Call("GET", "/api/v1/guardrails/policy", Set.of("admin")),
                    new Call("GET", "/api/v1/admin/api-keys", Set.of("admin")),
                    new Call("GET", "/actuator/prometheus", Set.of("ops", "admin")));
            List<String> wrong = new ArrayList<>();
            for (Call call : calls) {
                for (String role : List.of("customer", "agent", "admin", "ops")) {
                    String body = call.method().equals("GET") ? null : "{}";
                    HttpResponse<String> response = role.equals("customer")
                            ? widget(call.method(), call.path(), tenant, body)
                            : bearer(call.method(), call.path(), consoleToken(tenant, role), body);
                    boolean allowed = response.statusCode() != 401 && response.statusCode() != 403;
                    if (allowed != call.allowed().contains(role)) {
                        wrong.add(role + " " + call.method() + " " + call.path() + " -> " + response.statusCode());
                    }
                }
            }
            assertThat(wrong).isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------------ API6

    /** API6:2023 Unrestricted Access to Sensitive Business Flows: creating keys is rate limited per tenant. */
    @Nested
    class UnrestrictedAccessToSensitiveBusinessFlows {

        @Test
        void keyCreationStopsAtTheTenantsLimit() throws Exception {
            Tenant tenant = tenant();
            send(request("PUT", "/api/v1/admin/tenants/" + tenant.id() + "/limits", "{\"tenant\":4}")
                .header("X-Api-Key", tenant.adminKey()));
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                statuses.add(send(request("POST", "/api/v1/admin/api-keys", "{\"name\":\"k" + i + "\",\"roles\":[\"ops\"]}")
                    .header("X-Api-Key", tenant.adminKey())).statusCode());
            }
            assertThat(statuses).contains(429);
            assertThat(jdbc.sql("SELECT count(*) FROM api_keys WHERE tenant_id = :t AND name LIKE 'k%'")
                .param("t", tenant.id())
                .query(Long.class)
                .single()).isLessThanOrEqualTo(3);
        }
    }

    // ------------------------------------------------------------------------------------------------ API7

    /** API7:2023 SSRF: URL import lives under the knowledge-base routes, for admins only (ingestion checks targets). */
    @Nested
    class ServerSideRequestForgery {

        @Test
        void urlImportIsReachableForAdminsOnly() throws Exception {
            Tenant tenant = tenant();
            String body = "{\"url\":\"http://169.254.169.254/latest/meta-data/\"}";
            String path = "/api/v1/knowledge-bases/default/url-imports";

            assertProblem(widget("POST", path, tenant, body), 403, "forbidden");
            assertProblem(bearer("POST", path, consoleToken(tenant, "agent"), body), 403, "forbidden");
            assertProblem(bearer("POST", path, consoleToken(tenant, "ops"), body), 403, "forbidden");
            assertThat(ingestion.receivedNothing()).isTrue();
            assertThat(bearer("POST", path, consoleToken(tenant, "admin"), body).statusCode()).isEqualTo(200);
            assertThat(forwardedToken(ingestion).getClaimAsStringList("roles")).containsExactly("admin");
        }
    }

    // ------------------------------------------------------------------------------------------------ API8

    /** API8:2023 Security Misconfiguration. */
    @Nested
    class SecurityMisconfiguration {

        @Test
        void exposesNoActuatorEndpointBeyondHealthInfoAndMetrics() throws Exception {
            Tenant tenant = tenant();
            for (String endpoint : List.of("env", "beans", "configprops", "heapdump", "threaddump", "mappings",
                    "loggers", "shutdown", "conditions", "scheduledtasks")) {
                HttpResponse<String> anonymous = send(request("GET", "/actuator/" + endpoint, null));
                HttpResponse<String> admin = send(request("GET", "/actuator/" + endpoint, null)
                    .header("X-Api-Key", tenant.adminKey()));
                assertThat(anonymous.statusCode()).as(endpoint).isEqualTo(404);
                assertThat(admin.statusCode()).as(endpoint).isEqualTo(404);
            }
            assertThat(send(request("GET", "/actuator/health", null)).statusCode()).isEqualTo(200);
        }

        @Test
        void errorsCarryNoStackTracesOrExceptionMessages() throws Exception {
            Tenant tenant = tenant();

            HttpResponse<String> malformed = send(request("POST", "/api/v1/admin/api-keys", "{\"name\":")
                .header("X-Api-Key", tenant.adminKey()));
            HttpResponse<String> wrongType = send(request("PUT", "/api/v1/admin/tenants/" + tenant.id() + "/limits",
                    "{\"tenant\":\"lots\"}").header("X-Api-Key", tenant.adminKey()));
            HttpResponse<String> badId = send(request("DELETE", "/api/v1/admin/api-keys/not-a-uuid", null)
                .header("X-Api-Key", tenant.adminKey()));

            assertProblem(malformed, 400, "validation");
            assertProblem(wrongType, 400, "validation");
            assertThat(badId.statusCode()).isEqualTo(400);
            assertThat(badId.body()).doesNotContain("Exception", "java.", "\tat ");
        }

        @Test
        void corsIsNeverAWildcardAndForeignOriginsGetNoCorsHeaders() throws Exception {
            tenant();
            HttpResponse<String> foreign = send(request("OPTIONS", "/api/v1/chat", null).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));
            HttpResponse<String> allowed = send(request("OPTIONS", "/api/v1/chat", null).header("Origin", SITE)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-api-key,x-user-token"));

            assertThat(foreign.statusCode()).isEqualTo(403);
            assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(allowed.statusCode()).isEqualTo(204);
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SITE);
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                    headers -> assertThat(headers).containsIgnoringCase("X-User-Token"));
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        }

        @Test
        void sendsSecurityHeadersOnApiResponsesAndAStrictPolicyOnConsolePages() throws Exception {
            Tenant tenant = tenant();
            HttpResponse<String> api = widget("POST", "/api/v1/chat", tenant, "{\"message\":\"hi\"}");
            HttpResponse<String> console = send(request("GET", "/console/", null));

            assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(api.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(api.headers().firstValue("Content-Security-Policy")).isPresent();
            assertThat(console.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self';", "connect-src 'self' https://idp.example.test", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval"));
        }
    }

    // ------------------------------------------------------------------------------------------------ API9

    /** API9:2023 Improper Inventory Management: only /api/v1 and /v1/chat/completions exist. */
    @Nested
    class ImproperInventoryManagement {

        @Test
        void answersNotFoundProblemsForEverythingElse() throws Exception {
            Tenant tenant = tenant();
            for (String path : List.of("/api/v2/chat", "/api/v0/chat", "/api/v1/internal/tenants", "/v1/models",
                    "/v1/embeddings", "/v2/chat/completions", "/api/v1/cache/document-changes")) {
                assertProblem(send(request("POST", path, "{}").header("X-Api-Key", tenant.adminKey())), 404, "not-found");
            }
            assertThat(generation.receivedNothing()).isTrue();
        }
    }

    // ------------------------------------------------------------------------------------------------ API10

    /** API10:2023 Unsafe Consumption of APIs: what a backend leaks never reaches the client. */
    @Nested
    class UnsafeConsumptionOfApis {

        @Test
        void mapsABackendServerErrorToAProblemWithoutItsBody() throws Exception {
            Tenant tenant = tenant();

            HttpResponse<String> response = bearer("GET", "/api/v1/eval/boom", consoleToken(tenant, "admin"), null);

            assertProblem(response, 502, "upstream-error");
            assertThat(response.body()).doesNotContain("IllegalStateException", "password", "Service.java");
        }
    }
}
