package org.supportrag.ingestion.chunking;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.supportrag.defaults.embedding.TokenCounter;

/**
 * Legal contracts by numbered clauses: {@code 1.}, {@code 2.1}, {@code 2.1.3}, {@code Section 4}, {@code Article IV}
 * (Markdown heading marks allowed). Every chunk starts with its clause number and keeps the path of headings above
 * it ({@code Master Services Agreement > 7 Liability > 7.2}); small sibling clauses share a chunk, a long clause is
 * split with its number repeated in the path. Text before the first clause is the preamble.
 */
public final class ContractChunker implements DocumentChunker {

    private static final String PATH_SEPARATOR = " > ";
    private static final Pattern CLAUSE = Pattern.compile(
            "^\\s*(?:#{1,6}\\s*)?(?:(?<word>ARTICLE|Article|SECTION|Section|CLAUSE|Clause|§)\\s*)?"
                    + "(?<number>\\d{1,3}(?:\\.\\d{1,3})*|[IVXLC]{1,6})\\.?(?:\\s*[-–—:]\\s*|\\s+)(?<rest>\\S.*)$");
    private static final int MAX_HEADING_LENGTH = 80;

    private final TextSplitter splitter;
    private final ChunkingSettings settings;

    public ContractChunker(TokenCounter tokens, ChunkingSettings settings) {
        this.splitter = new TextSplitter(tokens, settings);
        this.settings = settings;
    }

    /** A clause: its number, its heading when it has one, and its text including the numbered line. */
    record Clause(String number, @Nullable String heading, int level, String text) {

        String label() {
            return heading == null ? number : number + " " + heading;
        }
    }

    @Override
    public ChunkedDocument chunk(String content, String fileName) {
        String[] lines = content.split("\n", -1);
        String title = null;
        StringBuilder preamble = new StringBuilder();
        List<Clause> clauses = new ArrayList<>();
        Clause open = null;
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            Clause start = clauseStart(line);
            if (start != null) {
                if (open != null) {
                    clauses.add(new Clause(open.number(), open.heading(), open.level(), text.toString()));
                }
                open = start;
                text.setLength(0);
                text.append(line.replaceFirst("^\\s*#{1,6}\\s*", "")).append('\n');
                continue;
            }
            if (open != null) {
                text.append(line).append('\n');
            }
            else if (title == null && !line.isBlank()) {
                title = line.replaceFirst("^\\s*#{1,6}\\s*", "").strip();
            }
            else {
                preamble.append(line).append('\n');
            }
        }
        if (open != null) {
            clauses.add(new Clause(open.number(), open.heading(), open.level(), text.toString()));
        }
        String documentTitle = title == null || title.isEmpty() ? DocumentChunker.baseName(fileName) : title;
        List<Chunk> chunks = new ArrayList<>();
        for (TextSplitter.Piece piece : splitter.split(preamble.toString())) {
            chunks.add(new Chunk(piece.text(), documentTitle + PATH_SEPARATOR + "Preamble", piece.tokens()));
        }
        List<String> headings = new ArrayList<>();
        List<Clause> group = new ArrayList<>();
        List<String> groupPath = List.of();
        int groupTokens = 0;
        for (Clause clause : clauses) {
            while (headings.size() >= clause.level()) {
                headings.removeLast();
            }
            while (headings.size() < clause.level() - 1) {
                headings.add("");
            }
            headings.add(clause.label());
            List<String> parent = List.copyOf(headings.subList(0, headings.size() - 1));
            if (clause.heading() != null && clause.text().strip().indexOf('\n') < 0) {
                // A heading without text of its own lives on in the path of the clauses below it.
                continue;
            }
            int tokens = splitter.count(clause.text());
            boolean fits = !group.isEmpty() && parent.equals(groupPath) && groupTokens + tokens <= settings.maxTokens()
                    && (tokens < settings.minTokens() || groupTokens < settings.minTokens());
            if (!fits) {
                flush(documentTitle, group, groupPath, chunks);
                group.clear();
                groupTokens = 0;
                groupPath = parent;
            }
            group.add(clause);
            groupTokens += tokens;
        }
        flush(documentTitle, group, groupPath, chunks);
        return new ChunkedDocument(documentTitle, chunks);
    }

    private void flush(String title, List<Clause> group, List<String> parent, List<Chunk> chunks) {
        if (group.isEmpty()) {
            return;
        }
        List<String> path = new ArrayList<>();
        path.add(title);
        parent.stream().filter(label -> !label.isEmpty()).forEach(path::add);
        path.add(group.size() == 1 ? group.getFirst().label()
                : group.getFirst().number() + "–" + group.getLast().number());
        StringBuilder text = new StringBuilder();
        group.forEach(clause -> text.append(TextSplitter.trimBlankLines(clause.text())).append("\n\n"));
        for (TextSplitter.Piece piece : splitter.split(text.toString())) {
            chunks.add(new Chunk(piece.text(), String.join(PATH_SEPARATOR, path), piece.tokens()));
        }
    }

    /** The clause a line opens, or null; a short rest without a full stop is the clause's heading. */
    static @Nullable Clause clauseStart(String line) {
        Matcher matcher = CLAUSE.matcher(line);
        if (!matcher.matches()) {
            return null;
        }
        String number = matcher.group("number");
        boolean roman = !Character.isDigit(number.charAt(0));
        if (roman && matcher.group("word") == null) {
            return null;
        }
        String rest = matcher.group("rest").strip();
        int level = roman || matcher.group("word") != null && matcher.group("word").toLowerCase().startsWith("article")
                ? 1 : number.split("\\.").length;
        boolean heading = rest.length() <= MAX_HEADING_LENGTH && !rest.endsWith(".") && !rest.endsWith(";")
                && !rest.endsWith(",");
        return new Clause(number, heading ? rest.replaceAll("[*_]+", "").strip() : null, level, "");
    }
}
