package org.supportrag.ragctl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = { "Uploads files and folders (recursively, hidden files skipped) to a knowledge base, waits "
                + "until they are indexed and prints what happened. Unchanged files are skipped by the service.",
                "A file in a folder is stored under its path relative to that folder." })
final class IngestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to upload.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--kb", defaultValue = "default", paramLabel = "NAME",
            description = "Knowledge base (default: ${DEFAULT-VALUE}).")
    String knowledgeBase = "default";

    @Option(names = "--batch", defaultValue = "20", paramLabel = "N",
            description = "Files per request, at most " + Uploader.MAX_FILES_PER_REQUEST + " (default: ${DEFAULT-VALUE}).")
    int batchSize = 20;

    GatewayOptions gateway() {
        return GatewayOptions.of(spec);
    }

    @Override
    public Integer call() {
        List<FileToUpload> files = collect(paths);
        if (files.isEmpty()) {
            throw new CliException("no files found under " + paths);
        }
        System.out.println("Uploading " + files.size() + " file(s) to knowledge base '" + knowledgeBase + "' at "
                + gateway().url);
        Uploader uploader = new Uploader(gateway().client(), knowledgeBase, batchSize,
                new Progress("ingesting", files.size()));
        for (FileToUpload file : files) {
            try {
                uploader.add(new GatewayClient.Upload(file.name(), Files.readAllBytes(file.path())));
            }
            catch (IOException ex) {
                throw new CliException("cannot read " + file.path() + ": " + ex.getMessage());
            }
        }
        Uploader.Summary summary = uploader.finish();
        System.out.println(summary.line());
        summary.failures().forEach((name, error) -> System.err.println("  failed: " + name + " (" + error + ")"));
        if (summary.failed() > 0) {
            System.err.println("ragctl: " + summary.failed() + " file(s) could not be ingested");
            return 1;
        }
        return 0;
    }

    /** A file and the name it is stored under. */
    record FileToUpload(Path path, String name) {
    }

    /** Files as given keep their file name; files found in a folder are named by their path within it. */
    static List<FileToUpload> collect(List<Path> paths) {
        List<FileToUpload> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isRegularFile(path)) {
                files.add(new FileToUpload(path, path.getFileName().toString()));
            }
            else if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                        .filter(file -> !isHidden(path.relativize(file)))
                        .sorted()
                        .forEach(file -> files.add(new FileToUpload(file,
                                path.relativize(file).toString().replace('\\', '/'))));
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
            else {
                throw new CliException("no such file or folder: " + path);
            }
        }
        return files;
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
