package org.supportrag.gateway.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one-time bootstrap credential: configured from the environment (never a default), recognised as a key with
 * only the {@link PlatformAccess#BOOTSTRAP} role until it is used once or switched off. Its use is recorded by hash
 * in {@code bootstrap_uses}, so every replica stops accepting it and a restart does not bring it back.
 */
@Component
public class BootstrapCredential {

    static final String FINGERPRINT = "bootstrap";

    private static final Logger log = LoggerFactory.getLogger(BootstrapCredential.class);

    private static final String USED = "SELECT EXISTS (SELECT 1 FROM bootstrap_uses WHERE credential_hash = :hash)";
    private static final String CONSUME = """
            INSERT INTO bootstrap_uses (credential_hash, tenant_id) VALUES (:hash, :tenant)
            ON CONFLICT (credential_hash) DO NOTHING
            """;

    private final JdbcClient jdbc;
    private final @Nullable String credentialHash;

    BootstrapCredential(JdbcClient jdbc, BootstrapProperties properties) {
        this.jdbc = jdbc;
        this.credentialHash = properties.enabled() && properties.credential() != null
                ? KeyHashes.sha256Hex(properties.credential()) : null;
    }

    /** The bootstrap grant when {@code keyHash} is the configured, unused credential's hash. */
    Optional<ResolvedKey> resolve(String keyHash) {
        if (credentialHash == null || !MessageDigest.isEqual(credentialHash.getBytes(StandardCharsets.US_ASCII),
                keyHash.getBytes(StandardCharsets.US_ASCII)) || used()) {
            return Optional.empty();
        }
        return Optional.of(new ResolvedKey.Admin(PlatformAccess.TENANT, FINGERPRINT, "Bootstrap",
                Set.of(PlatformAccess.BOOTSTRAP)));
    }

    /**
     * Marks the credential used, in the caller's transaction; false when it already was (a concurrent bootstrap), in
     * which case the caller must roll back. Call {@link ApiKeyAuthentication#forgetCachedKeys()} after the commit.
     */
    public boolean consume(String tenantId) {
        return credentialHash != null
                && jdbc.sql(CONSUME).param("hash", credentialHash).param("tenant", tenantId).update() == 1;
    }

    private boolean used() {
        return Boolean.TRUE.equals(jdbc.sql(USED).param("hash", credentialHash).query(Boolean.class).single());
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        if (credentialHash != null && !used()) {
            log.info("Bootstrap credential is armed: POST /api/v1/platform/bootstrap with it once to create the first "
                    + "tenant (it turns itself off then; rag.gateway.bootstrap.enabled=false turns it off now)");
        }
    }
}
