package org.supportrag.ragctl;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "ragctl", mixinStandardHelpOptions = true, version = "ragctl 0.1.0",
        description = "Command-line client of the SupportRAG gateway.",
        subcommands = { IngestCommand.class, AskCommand.class, EvalCommand.class, TenantsCommand.class,
                KeysCommand.class, SettingsCommand.class, UsersCommand.class })
final class RagctlCommand extends CommandGroup {

    @Mixin
    GatewayOptions gateway = new GatewayOptions();
}
