package org.supportrag.ingestion.job;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import org.jspecify.annotations.Nullable;

import org.supportrag.ingestion.IngestionProperties;
import org.supportrag.ingestion.format.UnreadableFileException;

/**
 * Unpacks zip archives into the files of a job, defending against zip bombs: the bytes actually inflated are
 * counted (headers can lie), and the archive fails as a whole when it has too many entries, inflates beyond the total
 * limit or beyond the allowed ratio to its compressed size. An entry too large, or an archive nested too deep, fails
 * on its own while its siblings are ingested.
 */
final class ArchiveExpander {

    static final String SEPARATOR = "!/";
    private static final int BUFFER = 64 * 1024;

    /** A file of the archive, or (when {@code error} is set) an entry that could not be taken. */
    record Entry(String name, byte[] content, @Nullable String error) {
    }

    private final IngestionProperties.Archives limits;
    private final long maxFileSize;

    ArchiveExpander(IngestionProperties.Archives limits, long maxFileSize) {
        this.limits = limits;
        this.maxFileSize = maxFileSize;
    }

    static boolean isArchive(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    List<Entry> expand(String name, byte[] archive) throws UnreadableFileException {
        Budget budget = new Budget(archive.length);
        List<Entry> entries = new ArrayList<>();
        expand(name, archive, 1, budget, entries);
        return entries;
    }

    /** Shared by an archive and the archives nested in it. */
    private final class Budget {

        private final long maxTotal;
        private int entries;
        private long total;

        Budget(long compressedSize) {
            // The whole archive may not inflate beyond maxRatio times its own size (nor the absolute limit).
            this.maxTotal = Math.min(limits.maxTotalSize().toBytes(), Math.max(1, compressedSize) * limits.maxRatio());
        }

        void count(long bytes) throws UnreadableFileException {
            total += bytes;
            if (total > maxTotal) {
                throw new UnreadableFileException("archive refused: inflates beyond " + maxTotal
                        + " bytes (zip bomb?)");
            }
        }
    }

    private void expand(String name, byte[] archive, int depth, Budget budget, List<Entry> out)
            throws UnreadableFileException {
        boolean any = false;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                any = true;
                if (entry.isDirectory()) {
                    continue;
                }
                String entryName = cleanName(entry.getName());
                if (entryName == null) {
                    continue;
                }
                budget.entries++;
                if (budget.entries > limits.maxEntries()) {
                    throw new UnreadableFileException("archive refused: more than " + limits.maxEntries() + " files");
                }
                String fullName = name + SEPARATOR + entryName;
                byte[] content = read(zip, budget);
                if (content == null) {
                    out.add(new Entry(fullName, new byte[0], "file too large"));
                    continue;
                }
                long compressed = entry.getCompressedSize();
                if (compressed > 0 && content.length > BUFFER && content.length / compressed > limits.maxRatio()) {
                    throw new UnreadableFileException("archive refused: an entry inflates more than "
                            + limits.maxRatio() + " times (zip bomb?)");
                }
                if (isArchive(entryName)) {
                    if (depth >= limits.maxDepth()) {
                        out.add(new Entry(fullName, new byte[0],
                                "nested archive too deep (at most " + limits.maxDepth() + " levels)"));
                        continue;
                    }
                    try {
                        expand(fullName, content, depth + 1, budget, out);
                    }
                    catch (UnreadableFileException ex) {
                        if (ex.getMessage().startsWith("archive refused")) {
                            throw ex;
                        }
                        out.add(new Entry(fullName, new byte[0], ex.getMessage()));
                    }
                    continue;
                }
                out.add(new Entry(fullName, content, null));
            }
        }
        catch (ZipException ex) {
            String message = String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT);
            throw new UnreadableFileException(message.contains("encrypt") ? "encrypted archive" : "corrupt archive");
        }
        catch (IOException ex) {
            throw new UnreadableFileException("corrupt archive");
        }
        if (!any) {
            throw new UnreadableFileException(archive.length == 0 ? "empty file" : "corrupt archive");
        }
    }

    /** The entry's bytes, or null when it is larger than a file may be (the rest is drained and counted). */
    private byte @Nullable [] read(InputStream in, Budget budget) throws IOException, UnreadableFileException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[BUFFER];
        long size = 0;
        int read;
        boolean tooLarge = false;
        while ((read = in.read(buffer)) > 0) {
            size += read;
            budget.count(read);
            if (size > maxFileSize) {
                tooLarge = true;
                out.reset();
            }
            if (!tooLarge) {
                out.write(buffer, 0, read);
            }
        }
        return tooLarge ? null : out.toByteArray();
    }

    /** The entry path without leading slashes or dot segments; null for metadata entries nobody wants indexed. */
    static @Nullable String cleanName(String raw) {
        String name = raw.replace('\\', '/');
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                continue;
            }
            parts.add(part);
        }
        if (parts.isEmpty() || parts.getFirst().equals("__MACOSX") || parts.getLast().startsWith(".")) {
            return null;
        }
        return String.join("/", parts);
    }
}
