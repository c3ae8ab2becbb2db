package org.supportrag.gateway.oidc;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import org.supportrag.defaults.security.CallerIdentity;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleUsersTests {

    @Test
    void aConsoleUserOfACustomerTenantKeepsTheConsoleRolesOfTheToken() {
        CallerIdentity caller = ConsoleUsers.caller(token("acme", List.of("admin", "service", "platform-operator")));

        assertThat(caller.tenantId()).isEqualTo("acme");
        assertThat(caller.roles()).containsExactly("admin");
    }

    @Test
    void aConsoleUserNamingTheOperatorsReservedTenantGetsNoRole() {
        CallerIdentity caller = ConsoleUsers.caller(token("platform", List.of("admin", "platform-operator")));

        assertThat(caller.roles()).isEmpty();
    }

    private static Jwt token(String tenant, List<String> roles) {
        return Jwt.withTokenValue("t")
            .header("alg", "RS256")
            .subject("someone")
            .claim(ConsoleUsers.TENANT, tenant)
            .claim(ConsoleUsers.ROLES, roles)
            .build();
    }
}
