package org.supportrag.gateway.enduser;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.defaults.security.CallerIdentity;
import org.supportrag.gateway.AdminRequests;
import org.supportrag.gateway.audit.AuditLog;

/**
 * The key a tenant's own site signs end-user tokens with (role admin, own tenant only; another tenant's id is a 404).
 * The HS256 secret is write-only: reads say whether one is set, never what it is.
 */
@RestController
@RequiredArgsConstructor
class EndUserKeyController {

    static final String PATH = "/api/v1/admin/tenants/{tenant}/end-user-token-key";
    static final int MIN_SECRET_BYTES = 32;
    static final int MAX_VALUE_LENGTH = 10_000;
    static final String TITLE = "Invalid end-user token key";

    private static final String UPSERT = """
            INSERT INTO end_user_token_keys (tenant_id, algorithm, shared_secret, public_key_pem, jwks_url, issuer,
                                             audience, updated_at)
            VALUES (:tenant, :algorithm, :secret, :pem, :jwks, :issuer, :audience, now())
            ON CONFLICT (tenant_id) DO UPDATE
               SET algorithm = EXCLUDED.algorithm, shared_secret = EXCLUDED.shared_secret,
                   public_key_pem = EXCLUDED.public_key_pem, jwks_url = EXCLUDED.jwks_url, issuer = EXCLUDED.issuer,
                   audience = EXCLUDED.audience, updated_at = now()
            """;

    private static final String READ = """
            SELECT algorithm, shared_secret IS NOT NULL AS has_secret, public_key_pem, jwks_url, issuer, audience
              FROM end_user_token_keys WHERE tenant_id = :tenant
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog auditLog;
    private final EndUserTokens tokens;
    private final AdminRequests requests;

    @GetMapping(PATH)
    KeyView get(@PathVariable String tenant) {
        CallerIdentity caller = AdminRequests.ownTenant(tenant);
        return read(caller.tenantId()).orElseThrow(() -> ApiProblemException.notFound("end-user-key-not-found",
                "No end-user token key", "This tenant has not configured how its site signs end-user tokens."));
    }

    @PutMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    KeyView put(@PathVariable String tenant, @RequestBody byte[] body, HttpServletRequest request) {
        CallerIdentity caller = AdminRequests.ownTenant(tenant);
        KeyUpdate update = parse(body);
        String algorithm = update.algorithm() == null ? "" : update.algorithm().strip().toUpperCase(Locale.ROOT);
        String secret = blankToNull(update.sharedSecret());
        String pem = blankToNull(update.publicKeyPem());
        String jwks = blankToNull(update.jwksUrl());
        validate(algorithm, secret, pem, jwks);
        transactions.executeWithoutResult(status -> {
            jdbc.sql(UPSERT)
                .param("tenant", caller.tenantId())
                .param("algorithm", algorithm)
                .param("secret", secret)
                .param("pem", pem)
                .param("jwks", jwks)
                .param("issuer", limited("issuer", blankToNull(update.issuer())))
                .param("audience", limited("audience", blankToNull(update.audience())))
                .update();
            auditLog.record(caller, request, "end-user-key.update", "tenant:" + caller.tenantId(), AuditLog.SUCCESS,
                    null);
        });
        tokens.evict(caller.tenantId());
        return read(caller.tenantId()).orElseThrow();
    }

    @DeleteMapping(PATH)
    ResponseEntity<Void> delete(@PathVariable String tenant, HttpServletRequest request) {
        CallerIdentity caller = AdminRequests.ownTenant(tenant);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM end_user_token_keys WHERE tenant_id = :tenant").param("tenant", caller.tenantId()).update();
            auditLog.record(caller, request, "end-user-key.delete", "tenant:" + caller.tenantId(), AuditLog.SUCCESS,
                    null);
        });
        tokens.evict(caller.tenantId());
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    private static void validate(String algorithm, @Nullable String secret, @Nullable String pem, @Nullable String jwks) {
        switch (algorithm) {
            case "HS256" -> {
                if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES || pem != null
                        || jwks != null) {
                    throw invalid("HS256 needs sharedSecret (at least " + MIN_SECRET_BYTES
                            + " bytes) and neither publicKeyPem nor jwksUrl.");
                }
            }
            case "RS256", "ES256" -> {
                if (secret != null || (pem == null) == (jwks == null)) {
                    throw invalid(algorithm + " needs exactly one of publicKeyPem and jwksUrl, and no sharedSecret.");
                }
                if (pem != null) {
                    limited("publicKeyPem", pem);
                    try {
                        EndUserTokens.publicKey(pem, algorithm.equals("RS256") ? "RSA" : "EC");
                    }
                    catch (IllegalStateException ex) {
                        throw invalid("publicKeyPem is not a PEM " + (algorithm.equals("RS256") ? "RSA" : "EC")
                                + " public key (-----BEGIN PUBLIC KEY-----).");
                    }
                }
                if (jwks != null) {
                    URI url = parseUrl(jwks);
                    // Fetched by the gateway: only public HTTPS endpoints, never internal addresses by name.
                    if (!"https".equals(url.getScheme()) || url.getHost() == null || url.getHost().equals("localhost")) {
                        throw invalid("jwksUrl must be an https URL of the site's identity provider.");
                    }
                }
            }
            default -> throw invalid("algorithm must be HS256, RS256 or ES256.");
        }
    }

    private static URI parseUrl(String value) {
        try {
            return URI.create(limited("jwksUrl", value));
        }
        catch (IllegalArgumentException ex) {
            throw invalid("jwksUrl is not a URL.");
        }
    }

    private Optional<KeyView> read(String tenantId) {
        return jdbc.sql(READ)
            .param("tenant", tenantId)
            .query((rs, row) -> new KeyView(rs.getString("algorithm"), rs.getBoolean("has_secret"),
                    rs.getString("public_key_pem"), rs.getString("jwks_url"), rs.getString("issuer"),
                    rs.getString("audience")))
            .optional();
    }

    private KeyUpdate parse(byte[] body) {
        return requests.read(body, KeyUpdate.class, TITLE, "The request body must be a JSON object describing the key.",
                property -> "Only algorithm, sharedSecret, publicKeyPem, jwksUrl, issuer and audience may be set.");
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static @Nullable String limited(String name, @Nullable String value) {
        if (value != null && value.length() > MAX_VALUE_LENGTH) {
            throw invalid(name + " is too long.");
        }
        return value;
    }

    private static ApiProblemException invalid(String detail) {
        return AdminRequests.invalid(TITLE, detail);
    }

    record KeyUpdate(@Nullable String algorithm, @Nullable String sharedSecret, @Nullable String publicKeyPem,
            @Nullable String jwksUrl, @Nullable String issuer, @Nullable String audience) {
    }

    /** Never the secret itself. */
    record KeyView(String algorithm, boolean sharedSecretSet, @Nullable String publicKeyPem, @Nullable String jwksUrl,
            @Nullable String issuer, @Nullable String audience) {
    }
}
