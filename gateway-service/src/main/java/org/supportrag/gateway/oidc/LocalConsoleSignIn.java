package org.supportrag.gateway.oidc;

/** Marks the local profile's built-in issuer, which takes precedence over a configured provider. */
public interface LocalConsoleSignIn extends ConsoleSignIn {
}
