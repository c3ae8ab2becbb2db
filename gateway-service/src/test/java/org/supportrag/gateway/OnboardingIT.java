package org.supportrag.gateway;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A company gets from a fresh prod-profile gateway (no tenant, no key) to its own tenant and widget key without SQL:
 * the one-time bootstrap, the platform operator's tenants API and the tenant admin's widget keys API, against real
 * PostgreSQL through real HTTP, with a fake generation service behind the chat route.
 */
// Own setup, not @GatewayIT: the prod profile in a schema of its own.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET)
@ActiveProfiles("prod")
@Import(PostgresTestConfiguration.class)
class OnboardingIT {

    static final String SCHEMA = "gateway_onboarding_it";
    static final String PROBLEM = AdminApiFixture.PROBLEM;
    static final String TENANTS = "/api/v1/platform/tenants";
    static final String WIDGET_KEYS = "/api/v1/admin/widget-keys";
    static final String OWN_TENANT = "/api/v1/admin/tenant";
    static final String SITE = "https://shop.example.com";

    /** New on every run: the schema outlives runs, and a used credential stays used. */
    static final String BOOTSTRAP = "bootstrap-" + UUID.randomUUID();

    static final FakeBackend generation = FakeBackend.start();
    /** Ingestion, retrieval and eval: only their tenant purge is called here. */
    static final FakeBackend dataServices = FakeBackend.start();
    static final String ISSUER = "https://idp.example.test";
    static final RSAKey IDP_KEY = TestJwts.newRsaKey();
    static final TestJwts.JwksServer JWKS = new TestJwts.JwksServer(IDP_KEY);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.flyway.default-schema", () -> SCHEMA);
        registry.add("rag.gateway.bootstrap.credential", () -> BOOTSTRAP);
        registry.add("rag.gateway.generation-url", generation::url);
        registry.add("rag.gateway.ingestion-url", dataServices::url);
        registry.add("rag.gateway.retrieval-url", dataServices::url);
        registry.add("rag.gateway.eval-url", dataServices::url);
        registry.add("rag.gateway.oidc.issuer-uri", () -> ISSUER);
        registry.add("rag.gateway.oidc.jwk-set-uri", JWKS::url);
        // Short, so a rotated key's end of overlap is seen within the test.
        registry.add("rag.gateway.key-cache-ttl", () -> "200ms");
        // The final pass right after the first one, so the test sees both.
        registry.add("rag.gateway.tenant-purge.retry-interval", () -> "300ms");
        registry.add("rag.gateway.tenant-purge.final-pass-after", () -> "0s");
    }

    @AfterAll
    static void stopBackend() {
        generation.close();
        dataServices.close();
        JWKS.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("internalJwtDecoder")
    JwtDecoder internalJwtDecoder;

    AdminApiFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new AdminApiFixture(jdbc, port);
    }

    @Test
    void theBootstrapCredentialCreatesTheFirstTenantItsAdminAndAnOperatorKeyOnceAndOnlyOnce() throws Exception {
        assertThat(fixture.get(TENANTS, BOOTSTRAP).statusCode()).as("bootstrap only bootstraps").isEqualTo(403);
        HttpResponse<String> invalid = fixture.post("/api/v1/platform/bootstrap", BOOTSTRAP,
                "{\"id\":\"Not An Id\",\"name\":\"Acme\"}");
        assertProblem(invalid, 400, "validation");

        String id = newTenantId();
        HttpResponse<String> bootstrapped = fixture.post("/api/v1/platform/bootstrap", BOOTSTRAP,
                "{\"id\":\"" + id + "\",\"name\":\"Acme\"}");

        assertThat(bootstrapped.statusCode()).as(bootstrapped.body()).isEqualTo(201);
        JsonNode body = fixture.body(bootstrapped);
        assertThat(body.path("tenant").path("id").asString()).isEqualTo(id);
        String adminKey = body.path("adminKey").path("key").asString();
        String operatorKey = body.path("operatorKey").path("key").asString();
        assertThat(adminKey).startsWith("srk_");
        assertThat(operatorKey).startsWith("srk_");
        assertProblem(fixture.post("/api/v1/platform/bootstrap", BOOTSTRAP, "{\"id\":\"" + newTenantId()
                + "\",\"name\":\"Again\"}"), 401, "invalid-api-key");

        HttpResponse<String> own = fixture.get(OWN_TENANT, adminKey);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(fixture.body(own).path("name").asString()).isEqualTo("Acme");
        HttpResponse<String> tenants = fixture.get(TENANTS, operatorKey);
        assertThat(tenants.statusCode()).isEqualTo(200);
        assertThat(tenants.body()).contains("\"" + id + "\"").doesNotContain("\"platform\"");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE tenant_id = 'platform' AND action = 'bootstrap.disable'"
                + " AND target = :target").param("target", "tenant:" + id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theOperatorCreatesRenamesSuspendsResumesAndDeletesTenantsWhoseAdminsSeeOnlyTheirOwn() throws Exception {
        String operator = operatorKey();
        String id = newTenantId();
        HttpResponse<String> created = fixture.post(TENANTS, operator, "{\"id\":\"" + id + "\",\"name\":\"Acme\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue(TENANTS + "/" + id);
        String admin = fixture.body(created).path("adminKey").path("key").asString();

        assertProblem(fixture.post(TENANTS, operator, "{\"id\":\"" + id + "\",\"name\":\"Twin\"}"), 409, "tenant-exists");
        assertProblem(fixture.post(TENANTS, operator, "{\"id\":\"platform\",\"name\":\"Mine\"}"), 409, "tenant-exists");
        assertProblem(fixture.post(TENANTS, operator, "{\"id\":\"x-" + id + "\",\"name\":\"A\",\"roles\":[\"admin\"]}"),
                400, "validation");
        assertProblem(fixture.post(TENANTS, operator, "[1,2"), 400, "validation");
        assertProblem(patch(TENANTS + "/" + id, operator, "{\"name\":\"  \"}"), 400, "validation");
        assertThat(fixture.body(fixture.get(TENANTS + "/" + id, operator)).path("name").asString())
            .as("nothing stored lost").isEqualTo("Acme");

        HttpResponse<String> renamed = patch(TENANTS + "/" + id, operator, "{\"name\":\"Acme Corp\"}");
        assertThat(fixture.body(renamed).path("name").asString()).isEqualTo("Acme Corp");

        String other = fixture.body(fixture.post(TENANTS, operator, "{\"id\":\"" + newTenantId() + "\",\"name\":\"Other\"}"))
            .path("tenant").path("id").asString();
        assertThat(fixture.body(fixture.get(OWN_TENANT, admin)).path("id").asString()).isEqualTo(id);
        assertProblem(fixture.get(TENANTS, admin), 403, "forbidden");
        assertProblem(fixture.get(TENANTS + "/" + other, admin), 403, "forbidden");
        assertProblem(fixture.get(TENANTS + "/platform", operator), 404, "tenant-not-found");

        HttpResponse<String> suspended = fixture.post(TENANTS + "/" + id + "/suspend", operator, "");
        assertThat(fixture.body(suspended).path("status").asString()).isEqualTo("suspended");
        assertProblem(fixture.get(OWN_TENANT, admin), 403, "tenant-suspended");
        fixture.post(TENANTS + "/" + id + "/resume", operator, "");
        assertThat(fixture.get(OWN_TENANT, admin).statusCode()).isEqualTo(200);

        HttpResponse<String> deleted = fixture.delete(TENANTS + "/" + id, operator);
        assertThat(deleted.statusCode()).isEqualTo(202);
        assertThat(fixture.body(deleted).path("pendingServices").toString()).contains("generation");
        assertProblem(fixture.get(OWN_TENANT, admin), 401, "invalid-api-key");
        assertProblem(fixture.get(TENANTS + "/" + id, operator), 404, "tenant-not-found");
        assertProblem(fixture.post(TENANTS, operator, "{\"id\":\"" + id + "\",\"name\":\"Reborn\"}"), 409,
                "tenant-exists");
        assertThat(jdbc.sql("SELECT action FROM audit_events WHERE tenant_id = :id ORDER BY id").param("id", id)
            .query(String.class).list()).as("the audit trail outlives the tenant")
            .containsSubsequence("tenant.create", "tenant.rename", "tenant.suspend", "tenant.resume", "tenant.delete");
    }

    @Test
    void deletingATenantPurgesItsDataInEveryServiceWithATokenForThatTenantOnlyAndKeepsTheAuditTrail() throws Exception {
        String operator = operatorKey();
        String id = newTenantId();
        fixture.post(TENANTS, operator, "{\"id\":\"" + id + "\",\"name\":\"Doomed\"}");

        HttpResponse<String> deleted = fixture.delete(TENANTS + "/" + id, operator);

        assertThat(deleted.statusCode()).isEqualTo(202);
        assertThat(deleted.headers().firstValue("Location")).hasValue("/api/v1/platform/tenant-deletions/" + id);
        String purgePath = "/internal/v1/tenants/" + id + "/data";
        List<FakeBackend.Recorded> purges = List.of(generation.takeInternalRequest(purgePath),
                dataServices.takeInternalRequest(purgePath), dataServices.takeInternalRequest(purgePath),
                dataServices.takeInternalRequest(purgePath));
        for (FakeBackend.Recorded purge : purges) {
            assertThat(purge.method()).isEqualTo("DELETE");
            Jwt token = internalJwtDecoder.decode(purge.header("authorization").substring("Bearer ".length()));
            assertThat(token.getClaimAsString("tenant")).isEqualTo(id);
            assertThat(token.getClaimAsStringList("roles")).containsExactly("service");
            assertThat(token.getSubject()).isEqualTo("tenant-purge");
        }
        JsonNode status = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            status = fixture.body(fixture.get("/api/v1/platform/tenant-deletions/" + id, operator));
            if ("purged".equals(status.path("status").asString())) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(status).isNotNull();
        assertThat(status.path("status").asString()).as(status.toString()).isEqualTo("purged");
        assertThat(status.path("pendingServices").size()).isZero();
        assertThat(status.path("requestedBy").asString()).isNotBlank();
        assertThat(fixture.get("/api/v1/platform/tenant-deletions", operator).body()).contains("\"" + id + "\"");
        assertThat(jdbc.sql("SELECT target FROM audit_events WHERE tenant_id = :id AND action = 'tenant.purge'")
            .param("id", id).query(String.class).list())
            .containsExactlyInAnyOrder("service:ingestion", "service:retrieval", "service:generation", "service:eval");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE tenant_id = :id AND action = 'tenant.create'")
            .param("id", id).query(Long.class).single()).as("the audit trail outlives the purge").isEqualTo(1);
        // What a job running at deletion time wrote after the first pass goes in a second one, in every service.
        List<FakeBackend.Recorded> finalPass = List.of(generation.takeInternalRequest(purgePath),
                dataServices.takeInternalRequest(purgePath), dataServices.takeInternalRequest(purgePath),
                dataServices.takeInternalRequest(purgePath));
        assertThat(finalPass).allSatisfy(purge -> assertThat(purge.method()).isEqualTo("DELETE"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                fixture.body(fixture.get("/api/v1/platform/tenant-deletions/" + id, operator)).path("finalPassAt")
                    .asString()).isNotBlank());
        assertThat(jdbc.sql("SELECT target FROM audit_events WHERE tenant_id = :id AND action = 'tenant.purge.final'")
            .param("id", id).query(String.class).list()).containsExactly("service:all");
        assertProblem(fixture.get("/api/v1/platform/tenant-deletions/never-" + id, operator), 404,
                "tenant-deletion-not-found");
        assertProblem(fixture.get("/api/v1/platform/tenant-deletions/" + id, fixture.body(fixture.post(TENANTS, operator,
                "{\"id\":\"" + newTenantId() + "\",\"name\":\"Nosy\"}")).path("adminKey").path("key").asString()),
                403, "forbidden");
    }

    @Test
    void widgetKeysWorkOnlyFromTheirOriginsRotateWithAnOverlapAndAreRevoked() throws Exception {
        String operator = operatorKey();
        String admin = newTenant(operator);
        String otherAdmin = newTenant(operator);

        assertProblem(fixture.post(WIDGET_KEYS, admin, "{\"allowedOrigins\":[\"https://*.example.com\"]}"), 400,
                "validation");
        assertProblem(fixture.post(WIDGET_KEYS, admin, "{\"allowedOrigins\":[\"https://shop.example.com/page\"]}"), 400,
                "validation");
        assertProblem(fixture.post(WIDGET_KEYS, admin, "{\"allowedOrigins\":[\"javascript:alert(1)\"]}"), 400,
                "validation");
        assertProblem(fixture.post(WIDGET_KEYS, admin, "{\"allowedOrigins\":[]}"), 400, "validation");
        assertThat(fixture.body(fixture.get(WIDGET_KEYS, admin)).path("widgetKeys").size()).isZero();

        HttpResponse<String> created = fixture.post(WIDGET_KEYS, admin,
                "{\"name\":\"Shop\",\"allowedOrigins\":[\"HTTPS://Shop.Example.com:443/\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = fixture.body(created);
        String key = body.path("key").asString();
        String id = body.path("widgetKey").path("id").asString();
        assertThat(body.path("widgetKey").path("allowedOrigins").toString()).isEqualTo("[\"" + SITE + "\"]");
        assertThat(body.path("embedSnippet").asString()).contains("/widget.js").contains("data-key=\"" + key + "\"");
        assertThat(fixture.get(WIDGET_KEYS, admin).body()).doesNotContain(key);

        assertThat(chat(key, SITE).statusCode()).isEqualTo(200);
        assertProblem(chat(key, "https://evil.example"), 403, "origin-not-allowed");

        assertProblem(fixture.send(fixture.request(WIDGET_KEYS + "/" + id + "/allowed-origins", admin)
            .header("Content-Type", "application/json")
            .PUT(BodyPublishers.ofString("{\"allowedOrigins\":[\"*\"]}"))), 400, "validation");
        assertThat(chat(key, SITE).statusCode()).as("nothing stored lost").isEqualTo(200);

        // Subdomain wildcards only on a key that explicitly allows them, and never a bare or top-level one.
        for (String bad : List.of("*", "https://*", "https://*.com", "https://a.*.example.com", "https://**.example.com")) {
            assertProblem(fixture.post(WIDGET_KEYS, admin, "{\"allowedOrigins\":[\"" + bad
                    + "\"],\"allowWildcardOrigins\":true}"), 400, "validation");
        }
        HttpResponse<String> wildcard = fixture.post(WIDGET_KEYS, admin,
                "{\"name\":\"Shops\",\"allowedOrigins\":[\"https://*.Example.com\"],\"allowWildcardOrigins\":true}");
        assertThat(wildcard.statusCode()).as(wildcard.body()).isEqualTo(201);
        assertThat(fixture.body(wildcard).path("widgetKey").path("allowWildcardOrigins").asBoolean()).isTrue();
        assertThat(fixture.body(wildcard).path("widgetKey").path("allowedOrigins").toString())
            .isEqualTo("[\"https://*.example.com\"]");
        String wildcardKey = fixture.body(wildcard).path("key").asString();
        assertThat(chat(wildcardKey, "https://eu.shop.example.com").statusCode()).isEqualTo(200);
        assertProblem(chat(wildcardKey, "https://example.com"), 403, "origin-not-allowed");
        assertProblem(chat(wildcardKey, "https://shop.example.com.evil.test"), 403, "origin-not-allowed");

        assertThat(fixture.body(fixture.get(WIDGET_KEYS, otherAdmin)).path("widgetKeys").size()).isZero();
        assertProblem(fixture.delete(WIDGET_KEYS + "/" + id, otherAdmin), 404, "widget-key-not-found");
        assertProblem(fixture.post(WIDGET_KEYS + "/" + id + "/rotate", otherAdmin, "{}"), 404, "widget-key-not-found");
        assertThat(chat(key, SITE).statusCode()).isEqualTo(200);

        HttpResponse<String> rotated = fixture.post(WIDGET_KEYS + "/" + id + "/rotate", admin, "{\"overlapSeconds\":1}");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
        String newKey = fixture.body(rotated).path("key").asString();
        assertThat(fixture.body(rotated).path("previous").path("id").asString()).isEqualTo(id);
        assertThat(chat(newKey, SITE).statusCode()).isEqualTo(200);
        assertThat(chat(key, SITE).statusCode()).as("old key during the overlap").isEqualTo(200);
        Thread.sleep(1_500);
        assertProblem(chat(key, SITE), 401, "invalid-api-key");
        assertThat(chat(newKey, SITE).statusCode()).isEqualTo(200);

        String newId = fixture.body(rotated).path("widgetKey").path("id").asString();
        assertProblem(fixture.post(WIDGET_KEYS + "/" + newId + "/rotate", admin, "{\"overlapSeconds\":-1}"), 400,
                "validation");
        assertThat(fixture.delete(WIDGET_KEYS + "/" + newId, admin).statusCode()).isEqualTo(204);
        assertProblem(chat(newKey, SITE), 401, "invalid-api-key");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action LIKE 'widget-key.%' AND target IN (:a, :b)")
            .param("a", "widget-key:" + id).param("b", "widget-key:" + newId).query(Long.class).single())
            .isEqualTo(3);
    }

    @Test
    void aTenantAdminInvitesAnAddressAndTheFirstSignInWithItVerifiedMakesThatIdentityAMember() throws Exception {
        String operator = operatorKey();
        String id = newTenantId();
        String admin = fixture.body(fixture.post(TENANTS, operator, "{\"id\":\"" + id + "\",\"name\":\"Acme\"}"))
            .path("adminKey").path("key").asString();
        String email = "ann-" + id + "@acme.example";
        String subject = "idp-user-" + UUID.randomUUID();
        String verified = consoleToken(subject, email, true);
        assertProblem(fixture.get(OWN_TENANT, verified), 403, "not-a-member");

        assertProblem(fixture.post("/api/v1/admin/invitations", admin, "{\"email\":\"not an address\",\"roles\":[\"admin\"]}"),
                400, "validation");
        assertProblem(fixture.post("/api/v1/admin/invitations", admin,
                "{\"email\":\"" + email + "\",\"roles\":[\"platform-operator\"]}"), 400, "validation");
        assertProblem(fixture.post("/api/v1/admin/invitations", admin,
                "{\"email\":\"" + email + "\",\"roles\":[\"admin\"],\"tenantId\":\"other\"}"), 400, "validation");
        HttpResponse<String> invited = fixture.post("/api/v1/admin/invitations", admin,
                "{\"email\":\"" + email.toUpperCase(java.util.Locale.ROOT) + "\",\"roles\":[\"admin\",\"agent\"]}");
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        assertThat(fixture.body(invited).path("invitation").path("email").asString()).isEqualTo(email);
        assertThat(fixture.body(invited).path("invitation").path("status").asString()).isEqualTo("pending");
        assertThat(fixture.body(invited).path("signInUrl").asString()).endsWith("/console/");
        assertProblem(fixture.post("/api/v1/admin/invitations", admin,
                "{\"email\":\"" + email + "\",\"roles\":[\"agent\"]}"), 409, "invitation-exists");

        assertProblem(fixture.get(OWN_TENANT, consoleToken(subject, email, false)), 403, "not-a-member");
        HttpResponse<String> own = fixture.get(OWN_TENANT, verified);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(fixture.body(own).path("id").asString()).isEqualTo(id);
        assertThat(fixture.get(OWN_TENANT, consoleToken(subject, "changed-" + email, false)).statusCode())
            .as("membership is by issuer and subject, not by the address").isEqualTo(200);

        JsonNode members = fixture.body(fixture.get("/api/v1/admin/members", admin)).path("members");
        assertThat(members.size()).isEqualTo(1);
        assertThat(members.get(0).path("subject").asString()).isEqualTo(subject);
        assertThat(members.get(0).path("roles").toString()).contains("admin", "agent");
        assertThat(fixture.body(fixture.get("/api/v1/admin/invitations", admin)).path("invitations").get(0)
            .path("status").asString()).isEqualTo("accepted");
        String otherAdmin = fixture.body(fixture.post(TENANTS, operator, "{\"id\":\"" + newTenantId()
                + "\",\"name\":\"Other\"}")).path("adminKey").path("key").asString();
        assertThat(fixture.body(fixture.get("/api/v1/admin/members", otherAdmin)).path("members").size()).isZero();
        String memberId = members.get(0).path("id").asString();
        assertProblem(fixture.delete("/api/v1/admin/members/" + memberId, otherAdmin), 404, "member-not-found");

        assertThat(fixture.delete("/api/v1/admin/members/" + memberId, admin).statusCode()).isEqualTo(204);
        assertProblem(fixture.get(OWN_TENANT, verified), 403, "not-a-member");
        assertThat(jdbc.sql("SELECT action FROM audit_events WHERE tenant_id = :id ORDER BY id").param("id", id)
            .query(String.class).list()).containsSubsequence("invitation.create", "invitation.accept", "member.remove");
    }

    /** A console token of the test provider without a tenant claim: membership decides. */
    private static String consoleToken(String subject, String email, boolean verified) {
        return TestJwts.rs256(IDP_KEY, TestJwts.claims(ISSUER, "console", subject, Duration.ofMinutes(5))
            .claim("email", email)
            .claim("email_verified", verified)
            .build());
    }

    @Test
    void aTenantAdminReadsAndChangesEverySettingInOnePlaceValidatedAuditedAndOnlyForTheirOwnTenant() throws Exception {
        String operator = operatorKey();
        String id = newTenantId();
        String admin = fixture.body(fixture.post(TENANTS, operator, "{\"id\":\"" + id + "\",\"name\":\"Acme\"}"))
            .path("adminKey").path("key").asString();
        String settings = "/api/v1/admin/tenants/" + id + "/settings";
        generation.reset();

        HttpResponse<String> read = fixture.get(settings, admin);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        JsonNode body = fixture.body(read);
        assertThat(body.path("tenantId").asString()).isEqualTo(id);
        assertThat(body.path("rateLimits").path("widgetKey").asInt()).isPositive();
        assertThat(body.path("budgets").path("answer").asString()).as("from generation").isEqualTo("from backend");
        assertThat(body.path("guardrails").isObject()).isTrue();
        assertThat(body.path("language").isObject()).isTrue();
        assertThat(body.path("crm").isObject()).isTrue();
        assertThat(body.path("unavailable").size()).isZero();
        List<String> forwarded = List.of(generation.takeRequest().path(), generation.takeRequest().path(),
                generation.takeRequest().path(), generation.takeRequest().path());
        assertThat(forwarded).containsExactlyInAnyOrder("/api/v1/budgets", "/api/v1/guardrails/policy",
                "/api/v1/settings/language", "/api/v1/crm/connector");

        HttpResponse<String> limits = put(settings + "/rateLimits", admin, "{\"widgetKey\":77}");
        assertThat(limits.statusCode()).as(limits.body()).isEqualTo(200);
        assertThat(fixture.body(fixture.get(settings, admin)).path("rateLimits").path("widgetKey").asInt())
            .as("effective without a restart").isEqualTo(77);
        assertProblem(put(settings + "/rateLimits", admin, "{\"widgetKey\":-1}"), 400, "validation");
        assertProblem(put(settings + "/rateLimits", admin, "{\"tenantId\":\"other\"}"), 400, "validation");

        generation.reset();
        HttpResponse<String> policy = put(settings + "/guardrails", admin, "{\"bannedTopics\":[\"crypto\"]}");
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
        FakeBackend.Recorded forwardedPut = generation.takeRequest();
        assertThat(forwardedPut.method()).isEqualTo("PUT");
        assertThat(forwardedPut.path()).isEqualTo("/api/v1/guardrails/policy");
        assertThat(forwardedPut.body()).contains("crypto");
        assertThat(forwardedPut.hasHeader("X-Api-Key")).as("no client credential forwarded").isFalse();
        assertProblem(put(settings + "/guardrails", admin, "{\"caveatBelow\":\"" + FakeBackend.INVALID_MARKER + "\"}"),
                400, "validation");
        generation.reset();
        HttpResponse<String> language = put(settings + "/language", admin, "{\"defaultLanguage\":\"de\"}");
        assertThat(language.statusCode()).as(language.body()).isEqualTo(200);
        assertThat(generation.takeRequest().path()).isEqualTo("/api/v1/settings/language");
        assertProblem(put(settings + "/language", admin, "{\"defaultLanguage\":\"" + FakeBackend.INVALID_MARKER
                + "\"}"), 400, "validation");
        generation.reset();
        HttpResponse<String> crm = put(settings + "/crm", admin,
                "{\"kind\":\"rest\",\"baseUrl\":\"https://crm.example.com\",\"apiToken\":\"t-1\"}");
        assertThat(crm.statusCode()).as(crm.body()).isEqualTo(200);
        FakeBackend.Recorded forwardedCrm = generation.takeRequest();
        assertThat(forwardedCrm.path()).isEqualTo("/api/v1/crm/connector");
        assertThat(forwardedCrm.body()).contains("https://crm.example.com");
        assertProblem(put(settings + "/colors", admin, "{}"), 404, "settings-not-found");

        String other = fixture.body(fixture.post(TENANTS, operator, "{\"id\":\"" + newTenantId() + "\",\"name\":\"Other\"}"))
            .path("tenant").path("id").asString();
        assertProblem(fixture.get("/api/v1/admin/tenants/" + other + "/settings", admin), 404, "tenant-not-found");
        assertProblem(put("/api/v1/admin/tenants/" + other + "/settings/guardrails", admin, "{}"), 404,
                "settings-not-found");
        assertThat(jdbc.sql("SELECT action || ' ' || target || ' ' || outcome FROM audit_events WHERE tenant_id = :id"
                + " ORDER BY id").param("id", id).query(String.class).list())
            .contains("tenant-limits.update tenant:" + id + " success", "settings.update settings:guardrails success",
                    "settings.update settings:guardrails failure", "settings.update settings:language success",
                    "settings.update settings:language failure", "settings.update settings:crm success");
    }

    private HttpResponse<String> put(String path, String key, String json) throws Exception {
        return fixture.send(fixture.request(path, key)
            .header("Content-Type", "application/json")
            .PUT(BodyPublishers.ofString(json)));
    }

    @Test
    void consoleUsersOfASuspendedOrDeletedTenantAreRefused() throws Exception {
        String operator = operatorKey();
        String id = newTenantId();
        assertThat(fixture.post(TENANTS, operator, "{\"id\":\"" + id + "\",\"name\":\"Acme\"}").statusCode()).isEqualTo(201);
        String token = TestJwts.rs256(IDP_KEY, TestJwts.claims(ISSUER, "console", "someone", Duration.ofMinutes(5))
            .claim("tenant", id)
            .claim("roles", List.of("admin"))
            .build());
        assertThat(fixture.get(OWN_TENANT, token).statusCode()).isEqualTo(200);

        fixture.post(TENANTS + "/" + id + "/suspend", operator, "");
        assertProblem(fixture.get(OWN_TENANT, token), 403, "tenant-suspended");
        fixture.post(TENANTS + "/" + id + "/resume", operator, "");
        assertThat(fixture.get(OWN_TENANT, token).statusCode()).isEqualTo(200);
        fixture.delete(TENANTS + "/" + id, operator);
        assertProblem(fixture.get(WIDGET_KEYS, token), 403, "tenant-suspended");
    }

    private String operatorKey() {
        return fixture.addApiKey("platform", "platform-operator");
    }

    /** A new tenant's first admin key. */
    private String newTenant(String operator) throws Exception {
        HttpResponse<String> created = fixture.post(TENANTS, operator,
                "{\"id\":\"" + newTenantId() + "\",\"name\":\"Tenant\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return fixture.body(created).path("adminKey").path("key").asString();
    }

    private static String newTenantId() {
        return "onboard-" + UUID.randomUUID().toString().substring(0, 13);
    }

    private HttpResponse<String> patch(String path, String key, String body) throws Exception {
        return fixture.send(fixture.request(path, key)
            .header("Content-Type", "application/json")
            .method("PATCH", BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> chat(String widgetKey, String origin) throws Exception {
        return fixture.send(fixture.request("/api/v1/chat", "")
            .header("X-Api-Key", widgetKey)
            .header("Origin", origin)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString("{\"message\":\"Hello\"}")));
    }

    private void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                value -> assertThat(value).startsWith("application/problem+json"));
        assertThat(fixture.body(response).path("type").asString()).isEqualTo(PROBLEM + type);
    }
}
