package org.supportrag.gateway.oidc;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Console sign-in: the local profile's built-in issuer when there is one, else the provider configured under
 * {@code rag.gateway.oidc}, else off (every console token is refused).
 */
@Configuration(proxyBeanMethods = false)
class OidcConfiguration {

    /** Primary: the local issuer is a ConsoleSignIn bean too, and this one already prefers it. */
    @Bean
    @Primary
    ConsoleSignIn consoleSignIn(OidcProperties properties, ObjectProvider<LocalConsoleSignIn> local) {
        LocalConsoleSignIn builtIn = local.getIfAvailable();
        if (builtIn != null) {
            return builtIn;
        }
        if (properties.issuerUri() == null) {
            return new ConsoleSignIn() {
                @Override
                public JwtDecoder decoder() {
                    return token -> {
                        throw new BadJwtException("console sign-in is not configured");
                    };
                }

                @Override
                public Optional<String> issuer(HttpServletRequest request) {
                    return Optional.empty();
                }
            };
        }
        String issuer = properties.issuerUri().toString();
        JwtDecoder decoder = lazyDecoder(properties, issuer);
        return new ConsoleSignIn() {
            @Override
            public JwtDecoder decoder() {
                return decoder;
            }

            @Override
            public Optional<String> issuer(HttpServletRequest request) {
                return Optional.of(issuer);
            }
        };
    }

    /**
     * With a JWKS URL the keys are fetched on first use; with only an issuer its discovery document is read on first
     * use too, so the gateway starts while the provider is still down.
     */
    private static JwtDecoder lazyDecoder(OidcProperties properties, String issuer) {
        var validator = ConsoleTokenValidators.of(issuer::equals, properties.audience(), properties.clockSkew());
        if (properties.jwkSetUri() != null) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
                .jwsAlgorithms(algorithms -> {
                    algorithms.add(SignatureAlgorithm.RS256);
                    algorithms.add(SignatureAlgorithm.ES256);
                })
                .build();
            decoder.setJwtValidator(validator);
            return decoder;
        }
        var holder = new Object() {
            volatile @Nullable JwtDecoder decoder;
        };
        return token -> {
            JwtDecoder decoder = holder.decoder;
            if (decoder == null) {
                synchronized (holder) {
                    if (holder.decoder == null) {
                        JwtDecoder discovered = JwtDecoders.fromIssuerLocation(issuer);
                        if (discovered instanceof NimbusJwtDecoder nimbus) {
                            nimbus.setJwtValidator(validator);
                        }
                        holder.decoder = discovered;
                    }
                    decoder = holder.decoder;
                }
            }
            return decoder.decode(token);
        };
    }
}
