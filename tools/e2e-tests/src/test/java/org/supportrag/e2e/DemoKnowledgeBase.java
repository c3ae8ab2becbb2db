package org.supportrag.e2e;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The demo knowledge base ({@code demo-kb/}) ingested as {@code make run} does (every file but README.md and
 * QUESTIONS.md, named by its path relative to the folder, so citations name the sources the answer-level datasets
 * expect) into a knowledge base of the demo tenant. Unchanged files are skipped on a second ingestion.
 */
final class DemoKnowledgeBase {

    static final String NAME = "demo-eval";
    static final String ADMIN_KEY = "demo-admin-key";

    private DemoKnowledgeBase() {
    }

    static void ingest(Platform platform) throws IOException, InterruptedException {
        Path root = Platform.repoRoot().resolve("demo-kb");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                .filter(file -> !List.of("README.md", "QUESTIONS.md").contains(file.getFileName().toString()))
                .sorted()
                .toList();
        }
        for (int start = 0; start < files.size(); start += 10) {
            Map<String, String> batch = new LinkedHashMap<>();
            for (Path file : files.subList(start, Math.min(files.size(), start + 10))) {
                batch.put(root.relativize(file).toString().replace('\\', '/'),
                        Files.readString(file, StandardCharsets.UTF_8));
            }
            HttpResponse<String> job = platform.uploadMarkdown(NAME, batch, ADMIN_KEY);
            if (job.statusCode() != 200 || !job.body().contains("\"completed\"")) {
                throw new IllegalStateException("ingesting demo-kb failed: " + job.statusCode() + " " + job.body());
            }
        }
    }
}
