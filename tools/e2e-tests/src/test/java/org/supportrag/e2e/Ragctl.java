package org.supportrag.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code tools/ragctl/target/ragctl.jar} (the CLI users run) as a process against the platform's gateway. */
final class Ragctl {

    record Result(int exitCode, String out) {

        /** The last line printed: the JSON summary with {@code --json}. */
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private Ragctl() {
    }

    static Result run(Platform platform, String... args) throws IOException, InterruptedException {
        Path jar = Platform.repoRoot().resolve("tools/ragctl/target/ragctl.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ": build tools/ragctl (mvn package) first");
        }
        // A short-lived CLI: C1 only and the serial GC cost about a third less CPU per call than the defaults
        // (0.7 against 1.1 s for an 'eval compare' here), and the platform's services share the same two cores.
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(), "--url", platform.gateway()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("ragctl", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("ragctl did not finish: " + String.join(" ", args));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        }
        finally {
            Files.deleteIfExists(output);
        }
    }
}
