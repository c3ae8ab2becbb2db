package org.supportrag.ragctl;

import picocli.CommandLine.Command;

@Command(name = "eval", mixinStandardHelpOptions = true, description = "Measures retrieval and answer quality; gates on regressions.",
        subcommands = { BeirCommand.class, AnswersCommand.class, CompareCommand.class })
final class EvalCommand extends CommandGroup {
}
