package org.supportrag.generation.crm;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-tenant CRM settings and that credentials never show in their string forms (logs, actuator). */
class CrmPropertiesTests {

    static final URI GLOBAL = URI.create("https://crm.example.com/api");
    static final URI ACME = URI.create("https://acme-crm.example.com");

    static CrmProperties properties(boolean enabled) {
        return new CrmProperties(enabled, GLOBAL, "global-secret", "Authorization", "Bearer",
                "/customers/{customerId}", "/customers/{customerId}/account", "/customers/{customerId}/orders",
                Duration.ofSeconds(1), Duration.ofSeconds(2), true, 4000,
                new CrmProperties.CircuitBreaker(50, 4, 10, Duration.ofSeconds(30)),
                Map.of("acme", new CrmProperties.Tenant(null, ACME, "acme-secret", false),
                        "off", new CrmProperties.Tenant(false, null, null, null)));
    }

    @Test
    void tenantsOverrideTheGlobalConnection() {
        CrmProperties crm = properties(true);

        assertThat(crm.connection("acme")).isEqualTo(new CrmProperties.Connection("acme", ACME, "acme-secret", false));
        assertThat(crm.connection("other"))
            .isEqualTo(new CrmProperties.Connection("other", GLOBAL, "global-secret", true));
        assertThat(crm.connection("off")).isNull();
        assertThat(properties(false).connection("acme")).isNull();
    }

    @Test
    void neverPrintsCredentials() {
        CrmProperties crm = properties(true);

        assertThat(crm.toString()).doesNotContain("secret").contains("****");
        assertThat(crm.tenants().get("acme").toString()).doesNotContain("secret");
        assertThat(crm.connection("acme").toString()).doesNotContain("secret");
    }
}
