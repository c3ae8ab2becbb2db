package org.supportrag.ragctl;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "ragctl", mixinStandardHelpOptions = true, version = "ragctl 0.1.0",
        description = "Command-line client of the SupportRAG gateway.",
        subcommands = { IngestCommand.class, AskCommand.class, EvalCommand.class, TenantsCommand.class,
                KeysCommand.class, SettingsCommand.class, UsersCommand.class })
final class RagctlCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOptions gateway = new GatewayOptions();

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }
}
