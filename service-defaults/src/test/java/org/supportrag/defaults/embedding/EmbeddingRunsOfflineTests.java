package org.supportrag.defaults.embedding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Loads the model and tokenizer in a JVM inside a network namespace with no interfaces but a down loopback, with
 * empty DJL and temp directories, so a download attempt of a native library or tokenizer fails the run.
 */
class EmbeddingRunsOfflineTests {

    @TempDir
    Path scratch;

    @Test
    void embedsWithoutANetwork() throws Exception {
        requireNetworkNamespaces();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder("unshare", "-n", java.toString(), "-cp",
                System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + scratch.resolve("tmp"),
                "--enable-native-access=ALL-UNNAMED", OfflineEmbeddingMain.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(scratch.resolve("output.txt").toFile());
        Files.createDirectories(scratch.resolve("tmp"));
        // A fresh DJL cache: the tokenizer's native library must come out of its jar, not from an earlier download.
        builder.environment().put("DJL_CACHE_DIR", scratch.resolve("djl").toString());
        builder.environment().put("ENGINE_CACHE_DIR", scratch.resolve("djl-engines").toString());
        builder.environment().remove("DJL_OFFLINE");

        Process child = builder.start();
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            fail("Offline embedding run did not finish within 120 s");
        }
        String output = Files.readString(scratch.resolve("output.txt"), StandardCharsets.UTF_8);

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output.lines().filter(line -> line.equals("dims=384 norm=1.0000")).count()).as(output)
            .isEqualTo(2);
        assertThat(output).contains("tokens=7");
        assertThat(scratch.resolve("djl-engines")).isDirectory();
    }

    private static void requireNetworkNamespaces() throws IOException, InterruptedException {
        String reason;
        try {
            Process probe = new ProcessBuilder(List.of("unshare", "-n", "true")).redirectErrorStream(true).start();
            boolean finished = probe.waitFor(10, TimeUnit.SECONDS);
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (finished && probe.exitValue() == 0) {
                return;
            }
            reason = "`unshare -n` is not permitted here (" + output + ")";
        }
        catch (IOException ex) {
            reason = "`unshare` is not installed (" + ex.getMessage() + ")";
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason + "; CI must be able to prove the embedding model runs offline");
        }
        abort(reason + "; skipping the offline embedding check (it is mandatory when CI=true)");
    }
}
