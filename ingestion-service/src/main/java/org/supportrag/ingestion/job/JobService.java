package org.supportrag.ingestion.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.ingestion.IngestionProperties;
import org.supportrag.ingestion.document.DocumentIngestionService;
import org.supportrag.ingestion.document.FileResult;
import org.supportrag.ingestion.format.UnreadableFileException;
import org.supportrag.ingestion.source.UrlFetcher;

/**
 * Creates jobs: every file (archives unpacked, folders walked) becomes an item in the job's queue, in one transaction,
 * so a job is visible complete or not at all. The bytes are stored with the item; workers take it from there.
 */
@Service
class JobService {

    private final JobRepository jobs;
    private final TransactionTemplate transactions;
    private final IngestionProperties properties;
    private final ArchiveExpander archives;
    private final JsonMapper json;
    private final IngestionMetrics metrics;

    JobService(JobRepository jobs, TransactionTemplate transactions, IngestionProperties properties,
            JsonMapper json, IngestionMetrics metrics) {
        this.metrics = metrics;
        this.jobs = jobs;
        this.transactions = transactions;
        this.properties = properties;
        this.archives = new ArchiveExpander(properties.archives(), properties.maxFileSize().toBytes());
        this.json = json;
    }

    /** A file handed to a job: its name and a way to read it (folder files are read while the job is written). */
    interface Source {

        String name();

        byte[] read() throws IOException;

        long size();
    }

    UUID enqueueFiles(String tenantId, String knowledgeBase, String source, String createdBy,
            DocumentIngestionService.Options options, List<? extends Source> files) {
        UUID jobId = UUID.randomUUID();
        String queue = properties.jobs().queue();
        transactions.executeWithoutResult(status -> {
            jobs.createJob(jobId, tenantId, knowledgeBase, queue, source, createdBy, json.writeValueAsString(options));
            metrics.jobCreated(tenantId, source);
            int ordinal = 0;
            for (Source file : files) {
                ordinal = add(jobId, tenantId, queue, ordinal, file);
            }
        });
        return jobId;
    }

    private int add(UUID jobId, String tenantId, String queue, int ordinal, Source file) {
        String name = file.name();
        if (file.size() > properties.maxFileSize().toBytes()) {
            failed(jobId, tenantId, queue, ordinal, name, "file too large (at most " + DocumentIngestionService.human(properties.maxFileSize()) + ")");
            return ordinal + 1;
        }
        byte[] content;
        try {
            content = file.read();
        }
        catch (IOException ex) {
            failed(jobId, tenantId, queue, ordinal, name, "could not read file");
            return ordinal + 1;
        }
        if (!ArchiveExpander.isArchive(name)) {
            jobs.addItem(jobId, tenantId, queue, ordinal, name, content, null);
            return ordinal + 1;
        }
        List<ArchiveExpander.Entry> entries;
        try {
            entries = archives.expand(name, content);
        }
        catch (UnreadableFileException ex) {
            failed(jobId, tenantId, queue, ordinal, name, ex.getMessage());
            return ordinal + 1;
        }
        int next = ordinal;
        for (ArchiveExpander.Entry entry : entries) {
            if (entry.error() != null) {
                failed(jobId, tenantId, queue, next, entry.name(), entry.error());
            }
            else {
                jobs.addItem(jobId, tenantId, queue, next, entry.name(), entry.content(), null);
            }
            next++;
        }
        if (entries.isEmpty()) {
            failed(jobId, tenantId, queue, next++, name, "archive without files");
        }
        return next;
    }

    private void failed(UUID jobId, String tenantId, String queue, int ordinal, String name, String error) {
        jobs.addFailedItem(jobId, tenantId, queue, ordinal, name,
                json.writeValueAsString(List.of(FileResult.failed(name, error))), error);
    }

    UUID enqueueUrls(String tenantId, String knowledgeBase, String createdBy, DocumentIngestionService.Options options,
            List<String> urls) {
        if (urls.isEmpty() || urls.size() > properties.urlImport().maxUrls()) {
            throw ApiProblemException.badRequest("invalid-urls", "Invalid URLs",
                    "Send 1 to " + properties.urlImport().maxUrls() + " URLs.");
        }
        for (String url : urls) {
            try {
                UrlFetcher.validate(url);
            }
            catch (UrlFetcher.FetchException ex) {
                throw ApiProblemException.badRequest("invalid-urls", "Invalid URLs", ex.getMessage() + ": " + abbreviate(url));
            }
        }
        UUID jobId = UUID.randomUUID();
        String queue = properties.jobs().queue();
        transactions.executeWithoutResult(status -> {
            jobs.createJob(jobId, tenantId, knowledgeBase, queue, "url", createdBy, json.writeValueAsString(options));
            metrics.jobCreated(tenantId, "url");
            for (int i = 0; i < urls.size(); i++) {
                String url = urls.get(i).strip();
                jobs.addItem(jobId, tenantId, queue, i, url, null, url);
            }
        });
        return jobId;
    }

    /** Imports a folder under one of the configured roots; names are paths relative to the folder. */
    UUID enqueueFolder(String tenantId, String knowledgeBase, String createdBy, DocumentIngestionService.Options options,
            String requested) {
        List<Path> roots = properties.folderImport().allowedRoots();
        if (roots.isEmpty()) {
            throw ApiProblemException.forbidden("folder-import-disabled", "Folder imports disabled",
                    "No folder is configured for imports (rag.ingestion.folder-import.allowed-roots).");
        }
        Path folder = Path.of(requested);
        if (!folder.isAbsolute()) {
            throw ApiProblemException.badRequest("invalid-folder", "Invalid folder", "The folder must be an absolute path.");
        }
        Path real;
        try {
            real = folder.toRealPath();
        }
        catch (IOException ex) {
            throw ApiProblemException.badRequest("invalid-folder", "Invalid folder", "No such folder.");
        }
        Optional<Path> root = roots.stream().map(JobService::realOrNull).filter(r -> r != null && real.startsWith(r)).findFirst();
        if (root.isEmpty()) {
            throw ApiProblemException.forbidden("folder-not-allowed", "Folder not allowed",
                    "The folder is outside the folders configured for imports.");
        }
        if (!Files.isDirectory(real)) {
            throw ApiProblemException.badRequest("invalid-folder", "Invalid folder", "Not a folder.");
        }
        List<Source> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(real, Integer.MAX_VALUE, new FileVisitOption[0])) {
            // Symbolic links are not followed (Files.walk default) and skipped: they could point outside the root.
            walk.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                .filter(path -> !hidden(real.relativize(path)))
                .sorted()
                .forEach(path -> files.add(new FolderFile(real.relativize(path).toString().replace('\\', '/'), path)));
        }
        catch (IOException | UncheckedIOException ex) {
            throw ApiProblemException.badRequest("invalid-folder", "Invalid folder", "The folder could not be read.");
        }
        if (files.isEmpty()) {
            throw ApiProblemException.badRequest("no-files", "No files", "The folder has no files.");
        }
        if (files.size() > properties.folderImport().maxFiles()) {
            throw ApiProblemException.badRequest("too-many-files", "Too many files",
                    "At most " + properties.folderImport().maxFiles() + " files per folder import.");
        }
        return enqueueFiles(tenantId, knowledgeBase, "folder", createdBy, options, files);
    }

    private static @Nullable Path realOrNull(Path root) {
        try {
            return root.toRealPath();
        }
        catch (IOException ex) {
            return null;
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String url) {
        return url.length() > 200 ? url.substring(0, 200) + "…" : url;
    }

    record FolderFile(String name, Path path) implements Source {

        @Override
        public byte[] read() throws IOException {
            return Files.readAllBytes(path);
        }

        @Override
        public long size() {
            try {
                return Files.size(path);
            }
            catch (IOException ex) {
                return 0;
            }
        }
    }
}
