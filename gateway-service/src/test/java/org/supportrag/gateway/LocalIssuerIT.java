package org.supportrag.gateway;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local profile's built-in issuer, driven like the console drives it: discovery, the sign-in form, authorization
 * code + PKCE for the public client {@code console}, then the access token on agent and admin routes.
 */
// Own setup, not @GatewayIT: the local profile's console issuer.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
                "rag.gateway.demo-users.password=" + LocalIssuerIT.PASSWORD,
                "rag.gateway.console.trace-url=" + LocalIssuerIT.TRACE_URL })
@ActiveProfiles("local")
@Import(PostgresTestConfiguration.class)
class LocalIssuerIT {

    static final String PASSWORD = "local-issuer-it-password";
    static final String TRACE_URL = "http://grafana.example/explore?trace={traceId}";

    static final FakeBackend generation = FakeBackend.start();
    static final FakeBackend ingestion = FakeBackend.start();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("rag.gateway.generation-url", generation::url);
        registry.add("rag.gateway.ingestion-url", ingestion::url);
    }

    @AfterAll
    static void stopBackends() {
        generation.close();
        ingestion.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("internalJwtDecoder")
    JwtDecoder internalJwtDecoder;

    final JsonMapper json = JsonMapper.builder().build();

    final HttpClient browser = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    @Test
    void publishesDiscoveryAndJwksAndTheConsoleConfig() throws Exception {
        JsonNode discovery = json.readTree(get("/.well-known/openid-configuration").body());
        assertThat(discovery.path("issuer").asString()).isEqualTo(origin());
        assertThat(discovery.path("authorization_endpoint").asString()).startsWith(origin());
        assertThat(discovery.path("code_challenge_methods_supported").toString()).contains("S256");

        HttpResponse<String> jwks = get(URI.create(discovery.path("jwks_uri").asString()).getPath());
        assertThat(json.readTree(jwks.body()).path("keys").get(0).path("kty").asString()).isEqualTo("RSA");
        assertThat(jwks.body()).doesNotContain("\"d\"");

        JsonNode config = json.readTree(get("/console/config.json").body());
        assertThat(config.path("issuer").asString()).isEqualTo(origin());
        assertThat(config.path("clientId").asString()).isEqualTo("console");
        assertThat(config.path("scopes").asString()).isEqualTo("openid profile email");
        assertThat(config.path("traceUrl").asString()).as("the console links trace ids through it")
            .isEqualTo(TRACE_URL);
    }

    @Test
    void signsInAnAgentWithCodeAndPkceAndTheTokenWorksOnAgentRoutesOnly() throws Exception {
        String accessToken = signIn("agent@demo.local", PASSWORD);

        HttpResponse<String> escalations = send(HttpRequest.newBuilder(URI.create(origin() + "/api/v1/escalations"))
            .header("Authorization", "Bearer " + accessToken));
        assertThat(escalations.statusCode()).isEqualTo(200);
        String forwarded = generation.takeRequest().header("authorization");
        Jwt internal = internalJwtDecoder.decode(forwarded.substring("Bearer ".length()));
        assertThat(internal.getClaimAsString("tenant")).isEqualTo("demo");
        assertThat(internal.getClaimAsStringList("roles")).containsExactly("agent");
        assertThat(internal.getSubject()).isEqualTo("agent@demo.local");

        HttpResponse<String> upload = send(HttpRequest
            .newBuilder(URI.create(origin() + "/api/v1/knowledge-bases/default/documents"))
            .header("Authorization", "Bearer " + accessToken)
            .header("Content-Type", "text/markdown")
            .POST(BodyPublishers.ofString("# Doc")));
        assertThat(upload.statusCode()).isEqualTo(403);
        assertThat(ingestion.receivedNothing()).isTrue();
    }

    @Test
    void givesTheDemoAdminAdminAgentAndOpsRoles() throws Exception {
        String accessToken = signIn("admin@demo.local", PASSWORD);

        HttpResponse<String> upload = send(HttpRequest
            .newBuilder(URI.create(origin() + "/api/v1/knowledge-bases/default/documents"))
            .header("Authorization", "Bearer " + accessToken)
            .header("Content-Type", "text/markdown")
            .POST(BodyPublishers.ofString("# Doc")));

        assertThat(upload.statusCode()).isEqualTo(200);
        Jwt internal = internalJwtDecoder
            .decode(ingestion.takeRequest().header("authorization").substring("Bearer ".length()));
        assertThat(internal.getClaimAsStringList("roles")).containsExactlyInAnyOrder("admin", "agent", "ops");
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        startAuthorization(pkceChallenge(randomVerifier()));
        HttpResponse<String> login = postLogin("agent@demo.local", "wrong-password");

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).contains("/login?error");
    }

    @Test
    void refusesAnAuthorizationRequestWithoutPkce() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(origin() + "/oauth2/authorize?"
                + form(Map.of("response_type", "code", "client_id", "console", "redirect_uri", origin() + "/console/",
                        "scope", "openid", "state", "s1"))))
            .header("Accept", "text/html"));

        String location = response.headers().firstValue("Location").orElse("");
        assertThat(location).doesNotContain("code=");
        assertThat(response.statusCode() == 400 || location.contains("error=")).isTrue();
    }

    @Test
    void servesTheSignInFormWithTheStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/login");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"username\"", "name=\"password\"", "type=\"submit\"")
            .doesNotContain("<script", "style=");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
            .contains("script-src 'self'", "form-action 'self'")
            .doesNotContain("unsafe-inline"));
    }

    /** The console's sign-in: authorize, the login form, back to the console with a code, the code for tokens. */
    private String signIn(String username, String password) throws Exception {
        String verifier = randomVerifier();
        startAuthorization(pkceChallenge(verifier));
        HttpResponse<String> login = postLogin(username, password);
        assertThat(login.statusCode()).isEqualTo(302);
        String next = login.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> authorized = send(HttpRequest.newBuilder(URI.create(absolute(next))).header("Accept", "text/html"));
        assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(302);
        URI redirect = URI.create(authorized.headers().firstValue("Location").orElseThrow());
        assertThat(redirect.toString()).startsWith(origin() + "/console/");
        Map<String, String> query = parseQuery(redirect.getRawQuery());
        assertThat(query).containsEntry("state", "state-1");

        HttpResponse<String> tokens = send(HttpRequest.newBuilder(URI.create(origin() + "/oauth2/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code", query.get("code"),
                    "redirect_uri", origin() + "/console/", "client_id", "console", "code_verifier", verifier)))));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode body = json.readTree(tokens.body());
        assertThat(body.path("id_token").asString()).isNotBlank();
        return body.path("access_token").asString();
    }

    private void startAuthorization(String challenge) throws Exception {
        HttpResponse<String> authorize = send(HttpRequest.newBuilder(URI.create(origin() + "/oauth2/authorize?"
                + form(Map.of("response_type", "code", "client_id", "console", "redirect_uri", origin() + "/console/",
                        "scope", "openid profile email", "state", "state-1", "code_challenge", challenge,
                        "code_challenge_method", "S256"))))
            .header("Accept", "text/html"));
        assertThat(authorize.statusCode()).isEqualTo(302);
        assertThat(authorize.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    private HttpResponse<String> postLogin(String username, String password) throws Exception {
        HttpResponse<String> page = get("/login");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as("CSRF field on the login page").isTrue();
        return send(HttpRequest.newBuilder(URI.create(origin() + "/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(BodyPublishers
                .ofString(form(Map.of("username", username, "password", password, "_csrf", csrf.group(1))))));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(origin() + path)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return browser.send(request.timeout(Duration.ofSeconds(20)).build(), BodyHandlers.ofString());
    }

    private String absolute(String location) {
        return location.startsWith("http") ? location : origin() + location;
    }

    private static String randomVerifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pkceChallenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String form(Map<String, String> values) {
        return new LinkedHashMap<>(values).entrySet()
            .stream()
            .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
