package org.supportrag.gateway;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import org.supportrag.gateway.AdminApiFixture.Tenant;
import org.supportrag.gateway.apikeys.KeyHashes;
import org.supportrag.gateway.testing.GatewayIT;

import static org.assertj.core.api.Assertions.assertThat;

/** The machine API key admin API against real PostgreSQL, through real HTTP, with a real backend behind it. */
@GatewayIT
class ApiKeysIT {

    static final String KEYS = "/api/v1/admin/api-keys";
    static final String UPLOAD = "/api/v1/knowledge-bases/default/documents";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    AdminApiFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new AdminApiFixture(jdbc, port);
    }

    @Test
    void createsAKeyThatWorksOnAdminRoutesUntilItIsRevoked() throws Exception {
        Tenant tenant = fixture.tenant();

        HttpResponse<String> created = fixture.post(KEYS, tenant.adminKey(), "{\"name\":\"CI\",\"roles\":[\"admin\"]}");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = fixture.body(created);
        String key = body.path("key").asString();
        String id = body.path("id").asString();
        assertThat(key).startsWith("srk_").hasSizeGreaterThanOrEqualTo(4 + 43);
        assertThat(body.path("name").asString()).isEqualTo("CI");
        assertThat(body.path("roles").toString()).isEqualTo("[\"admin\"]");
        assertThat(created.headers().firstValue("Location")).hasValue(KEYS + "/" + id);

        HttpResponse<String> upload = fixture.post(UPLOAD, key, "{}");
        assertThat(upload.statusCode()).as("the new key on a proxied admin route").isEqualTo(200);
        assertThat(SharedBackends.INGESTION.takeRequest().header("authorization")).as("the key itself is never forwarded")
            .doesNotContain(key);
        assertThat(fixture.get(KEYS, key).statusCode()).as("and on the admin API").isEqualTo(200);

        HttpResponse<String> revoked = fixture.delete(KEYS + "/" + id, tenant.adminKey());
        assertThat(revoked.statusCode()).isEqualTo(204);

        HttpResponse<String> afterRevocation = fixture.post(UPLOAD, key, "{}");
        assertThat(afterRevocation.statusCode()).as("cached grant evicted at once").isEqualTo(401);
        assertThat(fixture.body(afterRevocation).path("type").asString())
            .isEqualTo(AdminApiFixture.PROBLEM + "invalid-api-key");
        assertThat(fixture.delete(KEYS + "/" + id, tenant.adminKey()).statusCode()).as("revoking is idempotent")
            .isEqualTo(204);
        assertThat(jdbc.sql("SELECT revoked_at IS NOT NULL FROM api_keys WHERE id = :id")
            .param("id", UUID.fromString(id))
            .query(Boolean.class)
            .single()).isTrue();
    }

    @Test
    void storesOnlyTheHashOfANewKey() throws Exception {
        Tenant tenant = fixture.tenant();

        JsonNode created = fixture.createKey(tenant, "Hashed", "[\"admin\"]");
        String key = created.path("key").asString();

        List<String> rows = jdbc.sql("SELECT k::text FROM api_keys k WHERE tenant_id = :tenant")
            .param("tenant", tenant.id())
            .query(String.class)
            .list();
        assertThat(rows).hasSize(2).noneMatch(row -> row.contains(key)).anyMatch(row -> row.contains(KeyHashes.sha256Hex(key)));
        assertThat(jdbc.sql("SELECT created_by FROM api_keys WHERE id = :id")
            .param("id", UUID.fromString(created.path("id").asString()))
            .query(String.class)
            .single()).as("the creator's subject").isEqualTo("api-key:" + KeyHashes.sha256Hex(tenant.adminKey()).substring(0, 12));
    }

    @Test
    void listsTheTenantsKeysWithoutHashesOrSecrets() throws Exception {
        Tenant tenant = fixture.tenant();
        Tenant other = fixture.tenant();
        JsonNode created = fixture.createKey(tenant, "Listed", "[\"admin\"]");
        fixture.createKey(other, "Someone else's", "[\"admin\"]");
        fixture.post(UPLOAD, created.path("key").asString(), "{}");

        HttpResponse<String> response = fixture.get(KEYS, tenant.adminKey());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode keys = fixture.body(response).path("apiKeys");
        assertThat(keys.size()).as("the bootstrap key and the new one, not the other tenant's").isEqualTo(2);
        JsonNode listed = keys.get(0);
        assertThat(listed.path("id").asString()).isEqualTo(created.path("id").asString());
        assertThat(listed.path("name").asString()).isEqualTo("Listed");
        assertThat(listed.path("lastUsedAt").isNull()).as("used once").isFalse();
        assertThat(listed.has("key")).isFalse();
        assertThat(listed.has("keyHash")).isFalse();
        assertThat(response.body()).doesNotContain(created.path("key").asString())
            .doesNotContain(KeyHashes.sha256Hex(created.path("key").asString()))
            .doesNotContain(KeyHashes.sha256Hex(tenant.adminKey()))
            .doesNotContain("Someone else");
    }

    @Test
    void answersNotFoundForAnotherTenantsKeyId() throws Exception {
        Tenant owner = fixture.tenant();
        Tenant intruder = fixture.tenant();
        JsonNode created = fixture.createKey(owner, "Owned", "[\"admin\"]");
        String id = created.path("id").asString();

        HttpResponse<String> foreign = fixture.delete(KEYS + "/" + id, intruder.adminKey());
        HttpResponse<String> unknown = fixture.delete(KEYS + "/" + UUID.randomUUID(), intruder.adminKey());

        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(fixture.body(foreign).path("type").asString()).isEqualTo(AdminApiFixture.PROBLEM + "api-key-not-found");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(fixture.body(foreign).path("detail")).as("no existence leak").isEqualTo(fixture.body(unknown).path("detail"));
        assertThat(fixture.get(KEYS, created.path("key").asString()).statusCode()).as("still valid").isEqualTo(200);
    }

    @Test
    void refusesPropertiesAClientMayNotSet() throws Exception {
        Tenant tenant = fixture.tenant();
        Tenant victim = fixture.tenant();
        List<String> bodies = List.of(
                "{\"name\":\"x\",\"roles\":[\"admin\"],\"tenantId\":\"" + victim.id() + "\"}",
                "{\"name\":\"x\",\"roles\":[\"admin\"],\"keyHash\":\"" + "a".repeat(64) + "\"}",
                "{\"name\":\"x\",\"roles\":[\"admin\"],\"revokedAt\":null}",
                "{\"name\":\"x\",\"roles\":[\"admin\"],\"id\":\"" + UUID.randomUUID() + "\"}");

        for (String body : bodies) {
            HttpResponse<String> response = fixture.post(KEYS, tenant.adminKey(), body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(fixture.body(response).path("type").asString()).isEqualTo(AdminApiFixture.PROBLEM + "validation");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM api_keys WHERE tenant_id IN (:tenants)")
            .param("tenants", List.of(tenant.id(), victim.id()))
            .query(Long.class)
            .single()).as("only the two bootstrap keys").isEqualTo(2);
    }

    @Test
    void refusesInvalidNamesAndRoles() throws Exception {
        Tenant tenant = fixture.tenant();

        for (String body : List.of("{\"roles\":[\"admin\"]}", "{\"name\":\" \",\"roles\":[\"admin\"]}",
                "{\"name\":\"x\",\"roles\":[]}", "{\"name\":\"x\",\"roles\":[\"service\"]}",
                "{\"name\":\"x\",\"roles\":[\"customer\"]}", "not json", "[]")) {
            HttpResponse<String> response = fixture.post(KEYS, tenant.adminKey(), body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(fixture.body(response).path("type").asString()).isEqualTo(AdminApiFixture.PROBLEM + "validation");
        }
    }

    @Test
    void refusesRolesTheCreatorDoesNotHave() throws Exception {
        Tenant tenant = fixture.tenant();

        HttpResponse<String> response = fixture.post(KEYS, tenant.adminKey(),
                "{\"name\":\"Escalation\",\"roles\":[\"admin\",\"agent\"]}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(fixture.body(response).path("type").asString()).isEqualTo(AdminApiFixture.PROBLEM + "role-escalation");
        assertThat(jdbc.sql("SELECT count(*) FROM api_keys WHERE tenant_id = :tenant")
            .param("tenant", tenant.id())
            .query(Long.class)
            .single()).isEqualTo(1);
    }

    @Test
    void refusesWidgetKeysAndNonAdminKeysOnTheAdminApi() throws Exception {
        Tenant tenant = fixture.tenant();
        String widgetKey = fixture.addWidgetKey(tenant.id());
        String opsKey = fixture.addApiKey(tenant.id(), "ops", "agent");
        String body = "{\"name\":\"x\",\"roles\":[\"ops\"]}";

        for (String key : List.of(widgetKey, opsKey)) {
            HttpResponse<String> create = fixture.post(KEYS, key, body);
            assertThat(create.statusCode()).isEqualTo(403);
            assertThat(fixture.body(create).path("type").asString()).isEqualTo(AdminApiFixture.PROBLEM + "forbidden");
            assertThat(fixture.get(KEYS, key).statusCode()).isEqualTo(403);
        }
        HttpResponse<String> widgetHeader = fixture.send(fixture.request(KEYS, "").header("X-Api-Key", widgetKey).GET());
        assertThat(widgetHeader.statusCode()).isEqualTo(403);
        assertThat(fixture.send(fixture.request(KEYS, "").GET()).statusCode()).as("no key").isEqualTo(401);
        assertThat(fixture.get(KEYS, "srk_forged").statusCode()).isEqualTo(401);
    }

    @Test
    void answersUnknownAdminPathsWithANotFoundProblem() throws Exception {
        Tenant tenant = fixture.tenant();

        HttpResponse<String> response = fixture.get("/api/v1/admin/unknown", tenant.adminKey());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(fixture.get("/api/v1/admin/unknown", "").statusCode()).as("no key: refused first").isEqualTo(401);
    }
}
