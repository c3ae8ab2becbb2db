package org.supportrag.gateway.apikeys;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first way into a fresh deployment, which has no tenant and no key.
 *
 * @param credential secret the platform operator presents once (as an API key) to create the first tenant, its admin
 *        key and an operator key (env RAG_GATEWAY_BOOTSTRAP_CREDENTIAL, from a Secret); no default: absent means no
 *        bootstrap. At least {@value #MIN_LENGTH} characters.
 * @param enabled false turns the credential off even when set (env RAG_GATEWAY_BOOTSTRAP_ENABLED); it also turns
 *        itself off once used
 */
@ConfigurationProperties("rag.gateway.bootstrap")
public record BootstrapProperties(@Nullable String credential, @DefaultValue("true") boolean enabled) {

    static final int MIN_LENGTH = 32;

    public BootstrapProperties {
        credential = credential == null || credential.isBlank() ? null : credential.strip();
        if (credential != null && credential.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("rag.gateway.bootstrap.credential must be at least " + MIN_LENGTH
                    + " characters (generate one with: openssl rand -base64 32)");
        }
    }
}
