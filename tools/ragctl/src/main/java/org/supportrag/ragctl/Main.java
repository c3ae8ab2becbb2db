package org.supportrag.ragctl;

import picocli.CommandLine;

/** Entry point of {@code bin/ragctl}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests parse with it without running anything. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new RagctlCommand());
        // Expected failures (HTTP errors, bad input) print one line, not a stack trace.
        commandLine.setExecutionExceptionHandler((ex, line, parseResult) -> {
            if (ex instanceof CliException || ex instanceof GatewayException) {
                line.getErr().println("ragctl: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return commandLine;
    }
}
