package org.supportrag.ragctl;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs ragctl's command line in this JVM and captures what it prints. */
final class InProcess {

    private InProcess() {
    }

    record Run(int exitCode, String out, String err) {
    }

    static Run execute(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter picocliErr = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var commandLine = Main.commandLine();
            commandLine.setErr(new PrintWriter(picocliErr, true));
            int exitCode = commandLine.execute(args);
            return new Run(exitCode, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8) + picocliErr);
        }
        finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
