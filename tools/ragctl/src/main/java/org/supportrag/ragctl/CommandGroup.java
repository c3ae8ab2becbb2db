package org.supportrag.ragctl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: called alone, it names them instead of doing anything. */
abstract class CommandGroup implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> names = new ArrayList<>(spec.subcommands().keySet());
        String last = names.removeLast();
        String choices = names.isEmpty() ? last : String.join(", ", names) + " or " + last;
        throw new ParameterException(spec.commandLine(), "Missing command: " + choices + "?");
    }
}
