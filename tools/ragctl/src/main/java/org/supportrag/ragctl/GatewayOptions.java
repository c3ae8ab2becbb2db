package org.supportrag.ragctl;

import java.net.URI;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Where the gateway is and which secret API key to use. Declared once on {@code ragctl} and inherited by every
 * subcommand, so they may be given before or after the command name; commands read them from the root.
 */
final class GatewayOptions {

    static final String API_KEY_ENV = "RAGCTL_API_KEY";

    @Option(names = "--url", scope = ScopeType.INHERIT, defaultValue = "http://localhost:8080", paramLabel = "URL",
            description = "Gateway base URL (default: ${DEFAULT-VALUE}).")
    URI url = URI.create("http://localhost:8080");

    @Option(names = "--api-key", scope = ScopeType.INHERIT, defaultValue = "${env:" + API_KEY_ENV + ":-demo-admin-key}", paramLabel = "KEY",
            description = "Admin API key (default: env " + API_KEY_ENV + ", else the local demo admin key).")
    String apiKey = "demo-admin-key";

    /** The options of the command line {@code spec} belongs to. */
    static GatewayOptions of(CommandSpec spec) {
        return ((RagctlCommand) spec.root().userObject()).gateway;
    }

    GatewayClient client() {
        return new GatewayClient(url, apiKey);
    }
}
