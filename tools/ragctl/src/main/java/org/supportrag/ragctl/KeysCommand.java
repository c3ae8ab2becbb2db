package org.supportrag.ragctl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The widget keys of the admin key's tenant ({@code /api/v1/admin/widget-keys}). Answers are printed as JSON. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Creates, lists, rotates and revokes widget keys and sets their allowed origins (admin key).",
        subcommands = { KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Origins.class,
                KeysCommand.Rotate.class, KeysCommand.Revoke.class })
final class KeysCommand extends CommandGroup {

    static final String WIDGET_KEYS = "api/v1/admin/widget-keys";

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a widget key for the given origins; prints it (shown once) and the line to paste.")
    static final class Create extends TenantsCommand.Call {

        @Option(names = "--origin", required = true, paramLabel = "URL",
                description = "A site the widget may run on, such as https://www.example.com (repeatable).")
        List<String> origins = new ArrayList<>();

        @Option(names = "--name", paramLabel = "NAME", description = "A label for the key.")
        @Nullable String name;

        @Option(names = "--allow-wildcards",
                description = "Lets origins be subdomain wildcards such as https://*.example.com.")
        boolean wildcards;

        @Override
        Object run(GatewayClient client) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (name != null) {
                body.put("name", name);
            }
            body.put("allowedOrigins", origins);
            body.put("allowWildcardOrigins", wildcards);
            return client.call("POST", WIDGET_KEYS, body);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the tenant's widget keys.")
    static final class ListKeys extends TenantsCommand.Call {

        @Override
        Object run(GatewayClient client) {
            return client.call("GET", WIDGET_KEYS, null);
        }
    }

    @Command(name = "origins", mixinStandardHelpOptions = true,
            description = "Replaces the origins a widget key may be used from.")
    static final class Origins extends TenantsCommand.Call {

        @Parameters(index = "0", paramLabel = "KEY-ID")
        String id = "";

        @Option(names = "--origin", required = true, paramLabel = "URL", description = "An allowed origin (repeatable).")
        List<String> origins = new ArrayList<>();

        @Option(names = "--allow-wildcards",
                description = "Lets origins be subdomain wildcards such as https://*.example.com.")
        boolean wildcards;

        @Override
        Object run(GatewayClient client) {
            return client.call("PUT", WIDGET_KEYS + "/" + id + "/allowed-origins",
                    Map.of("allowedOrigins", origins, "allowWildcardOrigins", wildcards));
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Replaces a widget key by a new one (shown once); the old one works for the overlap.")
    static final class Rotate extends TenantsCommand.Call {

        @Parameters(index = "0", paramLabel = "KEY-ID")
        String id = "";

        @Option(names = "--overlap", paramLabel = "SECONDS",
                description = "How long the old key keeps working (default: the gateway's, one hour; 0: none).")
        @Nullable Long overlapSeconds;

        @Override
        Object run(GatewayClient client) {
            return client.call("POST", WIDGET_KEYS + "/" + id + "/rotate",
                    overlapSeconds == null ? Map.of() : Map.of("overlapSeconds", overlapSeconds));
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a widget key at once.")
    static final class Revoke extends TenantsCommand.Call {

        @Parameters(index = "0", paramLabel = "KEY-ID")
        String id = "";

        @Override
        Object run(GatewayClient client) {
            return client.call("DELETE", WIDGET_KEYS + "/" + id, null);
        }
    }
}
