package org.supportrag.gateway.oidc;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Where console users sign in, and how their access tokens are verified. */
public interface ConsoleSignIn {

    /** Verifies signature, issuer, audience and expiry of a console access token. */
    JwtDecoder decoder();

    /** The issuer the console should send users to, for this request; empty when console sign-in is off. */
    Optional<String> issuer(HttpServletRequest request);
}
