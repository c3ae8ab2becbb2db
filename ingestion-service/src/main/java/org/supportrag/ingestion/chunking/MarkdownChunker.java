package org.supportrag.ingestion.chunking;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.supportrag.defaults.embedding.TokenCounter;

/**
 * Chunks Markdown along its heading hierarchy (ATX headings; {@code #} inside fenced code is code). The title is the
 * first H1, else the file name. Each section keeps its heading line and its path ({@code Title > Section >
 * Subsection}); a section above the size limit is split, tiny neighbours under the same parent are merged.
 */
public final class MarkdownChunker implements DocumentChunker {

    private static final String PATH_SEPARATOR = " > ";
    private static final Pattern FRONT_MATTER_LINE = Pattern.compile("^(?:[A-Za-z0-9_-]+\\s*:.*|[ \\t-].*|#.*|\\s*)$");
    private static final int FRONT_MATTER_MAX_LINES = 200;

    private final TextSplitter splitter;
    private final ChunkingSettings settings;

    public MarkdownChunker(TokenCounter tokens, ChunkingSettings settings) {
        this.splitter = new TextSplitter(tokens, settings);
        this.settings = settings;
    }

    /** A heading's section: the heading line and the text up to the next heading. */
    private record Section(List<String> path, String text, int tokens) {
    }

    @Override
    public ChunkedDocument chunk(String content, String fileName) {
        Parsed parsed = parse(content);
        String title = parsed.title() != null ? parsed.title() : DocumentChunker.baseName(fileName);
        List<Section> sections = new ArrayList<>();
        for (RawSection raw : parsed.sections()) {
            if (raw.hasBody()) {
                String text = TextSplitter.trimBlankLines(raw.text());
                sections.add(new Section(raw.path(), text, splitter.count(text)));
            }
        }
        List<Chunk> chunks = new ArrayList<>();
        for (Section section : mergeTiny(sections)) {
            String path = path(title, section.path());
            for (TextSplitter.Piece piece : splitter.split(section.text())) {
                chunks.add(new Chunk(piece.text(), path, piece.tokens()));
            }
        }
        return new ChunkedDocument(title, chunks);
    }

    private record RawSection(List<String> path, String text, boolean hasBody) {
    }

    private record Parsed(@Nullable String title, List<RawSection> sections) {
    }

    private static Parsed parse(String content) {
        String[] lines = content.split("\n", -1);
        String title = null;
        List<RawSection> sections = new ArrayList<>();
        // Open headings, outermost first; the title H1 is the root of every path and not kept here.
        List<MarkdownSyntax.Heading> open = new ArrayList<>();
        List<String> path = List.of();
        StringBuilder text = new StringBuilder();
        boolean hasBody = false;
        MarkdownSyntax.Fence fence = null;
        for (int i = frontMatterEnd(lines); i < lines.length; i++) {
            String line = lines[i];
            if (fence != null) {
                if (fence.closedBy(line)) {
                    fence = null;
                }
                text.append(line).append('\n');
                hasBody = true;
                continue;
            }
            MarkdownSyntax.Heading heading = MarkdownSyntax.heading(line);
            if (heading == null) {
                fence = MarkdownSyntax.openFence(line);
                text.append(line).append('\n');
                hasBody |= !line.isBlank();
                continue;
            }
            sections.add(new RawSection(path, text.toString(), hasBody));
            open.removeIf(outer -> outer.level() >= heading.level());
            if (title == null && heading.level() == 1 && !heading.text().isEmpty()) {
                title = heading.text();
            }
            else {
                open.add(heading);
            }
            path = open.stream().map(MarkdownSyntax.Heading::text).filter(name -> !name.isEmpty()).toList();
            text.setLength(0);
            text.append(line).append('\n');
            hasBody = false;
        }
        sections.add(new RawSection(path, text.toString(), hasBody));
        return new Parsed(title, sections);
    }

    /** Index of the first line after a leading YAML front matter block, 0 when there is none. */
    private static int frontMatterEnd(String[] lines) {
        if (lines.length < 2 || !lines[0].equals("---")) {
            return 0;
        }
        for (int i = 1; i < Math.min(lines.length, FRONT_MATTER_MAX_LINES); i++) {
            if (lines[i].equals("---") || lines[i].equals("...")) {
                return i + 1;
            }
            if (!FRONT_MATTER_LINE.matcher(lines[i]).matches()) {
                return 0;
            }
        }
        return 0;
    }

    /**
     * Merges adjacent sections when one is under the minimum, both fit in one chunk and they share a parent (siblings,
     * or a parent's intro and its first child); the merged section takes the common path.
     */
    private List<Section> mergeTiny(List<Section> sections) {
        return Neighbours.merge(sections, (current, all, i) -> {
            Section next = all.get(i);
            // An intro followed by its subsections merges with those rather than with what precedes it.
            boolean introOfFollowing = i + 1 < all.size() && isChild(all.get(i + 1), next);
            return introOfFollowing ? null : tryMerge(current, next);
        });
    }

    private @Nullable Section tryMerge(Section first, Section second) {
        if (first.tokens() >= settings.minTokens() && second.tokens() >= settings.minTokens()) {
            return null;
        }
        if (first.tokens() + second.tokens() > settings.maxTokens()) {
            return null;
        }
        List<String> common = commonPrefix(first.path(), second.path());
        if (common.size() < Math.max(first.path().size(), second.path().size()) - 1) {
            return null;
        }
        String text = first.text() + "\n\n" + second.text();
        int tokens = splitter.count(text);
        return tokens <= settings.maxTokens() ? new Section(common, text, tokens) : null;
    }

    private static boolean isChild(Section candidate, Section parent) {
        return candidate.path().size() == parent.path().size() + 1
                && candidate.path().subList(0, parent.path().size()).equals(parent.path());
    }

    private static List<String> commonPrefix(List<String> a, List<String> b) {
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
            i++;
        }
        return a.subList(0, i);
    }

    private static String path(String title, List<String> headings) {
        return headings.isEmpty() ? title : title + PATH_SEPARATOR + String.join(PATH_SEPARATOR, headings);
    }
}
