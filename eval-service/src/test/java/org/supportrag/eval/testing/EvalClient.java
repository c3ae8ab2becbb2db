package org.supportrag.eval.testing;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.testsupport.TestHttp;

/**
 * The eval service's API over real HTTP, the one HTTP helper of the ITs: calls as a user of one tenant; 4xx and 5xx
 * are answers to assert on, not exceptions.
 */
public record EvalClient(RestClient http, InternalTokenService tokens, String tenant) {

    /** A new tenant on the service at {@code port}. */
    public static EvalClient newTenant(int port, InternalTokenService tokens) {
        return new EvalClient(TestHttp.lenientClient(port), tokens, "t-" + UUID.randomUUID());
    }

    public String token(String subject, String... roles) {
        return tokens.mint(new CallerIdentity(tenant, subject, Set.of(roles), Set.of(), null));
    }

    public ResponseEntity<String> get(String token, String path) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(token)).retrieve().toEntity(String.class);
    }

    public ResponseEntity<String> post(String token, String path, Object body) {
        return http.post()
            .uri(path)
            .headers(h -> h.setBearerAuth(token))
            .contentType(MediaType.APPLICATION_JSON)
            .body(body == null ? Map.of() : body)
            .retrieve()
            .toEntity(String.class);
    }
}
