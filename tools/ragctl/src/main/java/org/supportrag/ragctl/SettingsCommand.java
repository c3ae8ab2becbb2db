package org.supportrag.ragctl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The admin key's tenant settings in one place ({@code /api/v1/admin/tenants/{id}/settings}): rate limits, budgets
 * with the model routing tier, guardrails, language, CRM connector. Answers are printed as JSON.
 */
@Command(name = "settings", mixinStandardHelpOptions = true,
        description = "Shows the tenant's settings or replaces one section (admin key).",
        subcommands = { SettingsCommand.Show.class, SettingsCommand.Set.class })
final class SettingsCommand extends CommandGroup {

    /** The settings path of the key's own tenant. */
    static String settingsPath(GatewayClient client) {
        String tenant = client.call("GET", "api/v1/admin/tenant", null).path("id").asString();
        return "api/v1/admin/tenants/" + tenant + "/settings";
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Prints every section of the settings.")
    static final class Show extends TenantsCommand.Call {

        @Override
        Object run(GatewayClient client) {
            return client.call("GET", settingsPath(client), null);
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Replaces a section (rateLimits, budgets, guardrails, language or crm) with a JSON object; "
                    + "omitted fields return to their defaults (the crm apiToken is write-only: omitted keeps it).")
    static final class Set extends TenantsCommand.Call {

        @Parameters(index = "0", paramLabel = "SECTION",
                description = "rateLimits, budgets, guardrails, language or crm.")
        String section = "";

        @Parameters(index = "1", paramLabel = "JSON",
                description = "The section as JSON, or @FILE to read it from a file, such as '{\"widgetKey\":600}'.")
        String json = "";

        @Override
        Object run(GatewayClient client) {
            return client.call("PUT", settingsPath(client) + "/" + section, parse());
        }

        JsonNode parse() {
            String text = json;
            if (text.startsWith("@")) {
                try {
                    text = Files.readString(Path.of(text.substring(1)));
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
            try {
                JsonNode node = GatewayClient.JSON.readTree(text);
                if (!node.isObject()) {
                    throw new ParameterException(spec.commandLine(), "JSON must be an object.");
                }
                return node;
            }
            catch (JacksonException ex) {
                throw new ParameterException(spec.commandLine(), "JSON is not valid JSON.");
            }
        }
    }
}
