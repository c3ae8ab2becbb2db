package org.supportrag.defaults.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Internal service-to-service tokens.
 *
 * @param secret HMAC key shared by the gateway and the services (at least 32 bytes; env RAG_INTERNAL_TOKEN_SECRET)
 * @param audience the audience every internal token must name
 * @param ttl how long a minted token is valid: short, since each hop mints a fresh one
 * @param clockSkew tolerated clock difference between services
 * @param issuers the minting services whose tokens are accepted (the {@code iss} claim is the minting service's
 *        {@code spring.application.name})
 */
@ConfigurationProperties("rag.security.internal")
public record InternalAuthProperties(String secret, @DefaultValue("supportrag-internal") String audience,
        @DefaultValue("2m") Duration ttl, @DefaultValue("30s") Duration clockSkew,
        @DefaultValue({ "gateway-service", "ingestion-service", "retrieval-service", "generation-service",
                "eval-service" }) List<String> issuers) {

    static final int MIN_SECRET_BYTES = 32;

    /** The platform's five services as issuers. */
    public static final List<String> PLATFORM_ISSUERS = List.of("gateway-service", "ingestion-service",
            "retrieval-service", "generation-service", "eval-service");

    public InternalAuthProperties(String secret, String audience, Duration ttl, Duration clockSkew) {
        this(secret, audience, ttl, clockSkew, PLATFORM_ISSUERS);
    }

    @ConstructorBinding
    public InternalAuthProperties {
        issuers = List.copyOf(issuers);
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("rag.security.internal.secret (env RAG_INTERNAL_TOKEN_SECRET) must be set "
                    + "to a random value of at least " + MIN_SECRET_BYTES + " bytes, the same for every service");
        }
    }

    byte[] secretBytes() {
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
