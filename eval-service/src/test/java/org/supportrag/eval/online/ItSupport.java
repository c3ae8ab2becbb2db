package org.supportrag.eval.online;

import java.util.Map;
import java.util.Set;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.defaults.security.InternalTokenService;

/** Calls to a running eval service as a user of one tenant. */
public record ItSupport(RestClient http, InternalTokenService tokens, String tenant) {

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
