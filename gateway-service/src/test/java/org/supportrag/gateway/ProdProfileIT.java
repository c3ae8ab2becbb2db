package org.supportrag.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.context.ActiveProfiles;

import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestSecrets;
import org.supportrag.gateway.oidc.LocalConsoleSignIn;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in issuer and its demo users never exist in the prod profile, even with a demo password in the
 * environment and the local profile switched on by mistake next to prod.
 */
// Own setup, not @GatewayIT: it tests the prod profile itself.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
                "spring.flyway.schemas=gateway_prod_profile_it", "spring.flyway.default-schema=gateway_prod_profile_it",
                "spring.flyway.locations=classpath:db/migration/gateway",
                "rag.gateway.demo-users.password=must-not-matter" })
@ActiveProfiles({ "local", "prod" })
@Import(PostgresTestConfiguration.class)
class ProdProfileIT {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void hasNoBuiltInIssuer() throws Exception {
        assertThat(context.getBeansOfType(LocalConsoleSignIn.class)).isEmpty();
        assertThat(context.getBeansOfType(RegisteredClientRepository.class)).isEmpty();
        for (String path : new String[] { "/.well-known/openid-configuration", "/oauth2/jwks", "/login",
                "/oauth2/authorize?response_type=code&client_id=console" }) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(404);
        }
        HttpResponse<String> config = get("/console/config.json");
        assertThat(config.statusCode()).isEqualTo(404);
        assertThat(config.body()).contains("urn:supportrag:problem:console-sign-in-off");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", "text/html").build(),
                BodyHandlers.ofString());
    }
}
