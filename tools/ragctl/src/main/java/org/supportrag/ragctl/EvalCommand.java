package org.supportrag.ragctl;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true, description = "Measures retrieval and answer quality; gates on regressions.",
        subcommands = { BeirCommand.class, AnswersCommand.class, CompareCommand.class })
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: which evaluation (beir, answers, compare)?");
    }
}
