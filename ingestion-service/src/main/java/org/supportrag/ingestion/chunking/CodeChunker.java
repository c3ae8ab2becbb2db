package org.supportrag.ingestion.chunking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.supportrag.defaults.embedding.TokenCounter;

/**
 * Chunks source code by top-level declarations (types, functions, groups of imports or fields), so a chunk is a unit a
 * reader would look up. A declaration above the size limit is split into its members, recursively; small neighbours
 * are merged. The section path is the file path and the symbol names: {@code src/Billing.java > Invoice > total}.
 * Brace languages are split by a lexer that knows strings and comments; Python by indentation.
 */
public final class CodeChunker implements DocumentChunker {

    private static final String PATH_SEPARATOR = " > ";
    private static final int MAX_MERGED_NAMES = 100;

    /** What languages the chunker knows, by lower-case file extension. */
    public enum Language {
        BRACES, PYTHON;

        public static Optional<Language> of(String fileName) {
            String name = fileName.toLowerCase(Locale.ROOT);
            String extension = name.substring(name.lastIndexOf('.') + 1);
            return switch (extension) {
                case "java", "kt", "kts", "scala", "groovy", "cs", "c", "h", "cc", "cpp", "hpp", "go", "rs", "js", "jsx",
                        "mjs", "cjs", "ts", "tsx", "swift", "php", "dart" -> Optional.of(BRACES);
                case "py", "pyi" -> Optional.of(PYTHON);
                default -> Optional.empty();
            };
        }
    }

    private static final Pattern KEYWORD_SYMBOL = Pattern.compile(
            "\\b(?:class|interface|enum|record|struct|trait|object|func|fn|function|def|type|impl|module|namespace"
                    + "|protocol|extension)\\s+(?:\\([^)]*\\)\\s*)?([A-Za-z_$][\\w$]*)");
    private static final Pattern VARIABLE_SYMBOL = Pattern.compile("\\b(?:const|let|var|val)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern CALL_SYMBOL = Pattern.compile("([A-Za-z_$][\\w$]*)\\s*(?:<[^>]*>)?\\s*\\(");
    private static final Pattern ASSIGNED_SYMBOL = Pattern.compile("^\\s*(?:[\\w$<>\\[\\],?. ]+\\s)?([A-Za-z_$][\\w$]*)\\s*[=;]");
    private static final Pattern ANNOTATIONS = Pattern.compile("^(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)+");
    private static final List<String[]> MULTI_LINE_COMMENTS = List.of(new String[] { "/*", "*/" },
            new String[] { "\"\"\"", "\"\"\"" }, new String[] { "'''", "'''" });
    private static final Pattern CONTAINER = Pattern.compile(
            "\\b(?:class|interface|enum|record|struct|trait|object|impl|module|namespace|protocol|extension)\\b");
    private static final Pattern IMPORT = Pattern.compile("^\\s*(?:import|from|package|using|#include|use|require)\\b");
    private static final Pattern PYTHON_DECLARATION = Pattern.compile("^(?:async\\s+def|def|class)\\b");
    private static final List<String> NOT_SYMBOLS = List.of("if", "for", "while", "switch", "catch", "return", "new",
            "super", "this", "synchronized");

    private final TextSplitter splitter;
    private final ChunkingSettings settings;
    private final Language language;

    public CodeChunker(TokenCounter tokens, ChunkingSettings settings, Language language) {
        this.splitter = new TextSplitter(tokens, settings);
        this.settings = settings;
        this.language = language;
    }

    /**
     * A run of source lines and the symbols that name it, outermost first.
     *
     * @param intro the doc comment and signature of a type whose members follow as their own declarations
     */
    private record Declaration(List<String> symbols, String text, int tokens, boolean intro) {
    }

    /** The file path as uploaded is the title: for code it says more than any line in the file. */
    @Override
    public ChunkedDocument chunk(String content, String fileName) {
        List<Chunk> chunks = new ArrayList<>();
        for (Declaration declaration : mergeTiny(declarations(content, List.of()))) {
            String path = declaration.symbols().isEmpty() ? fileName
                    : fileName + PATH_SEPARATOR + String.join(PATH_SEPARATOR, declaration.symbols());
            for (TextSplitter.Piece piece : splitter.split(declaration.text())) {
                chunks.add(new Chunk(piece.text(), path, piece.tokens()));
            }
        }
        return new ChunkedDocument(fileName, chunks);
    }

    /** The declarations of {@code source}; one above the size limit is replaced by its members where it has any. */
    private List<Declaration> declarations(String source, List<String> outer) {
        List<Declaration> result = new ArrayList<>();
        for (String part : language == Language.PYTHON ? PythonSplit.split(source) : BraceSplit.split(source)) {
            String text = TextSplitter.trimBlankLines(part);
            if (text.isBlank()) {
                continue;
            }
            List<String> symbols = new ArrayList<>(outer);
            String symbol = symbol(text);
            if (symbol != null) {
                symbols.add(symbol);
            }
            int tokens = splitter.count(text);
            if (tokens > settings.maxTokens() && isContainer(text)) {
                String body = language == Language.PYTHON ? PythonSplit.body(text) : BraceSplit.body(text);
                if (body != null && !body.isBlank()) {
                    List<Declaration> members = declarations(body, symbols);
                    if (members.size() > 1) {
                        // The doc comment and signature stay, as the intro of the members.
                        String header = TextSplitter.trimBlankLines(text.substring(0, text.indexOf(body)));
                        if (!header.isBlank()) {
                            result.add(new Declaration(List.copyOf(symbols), header, splitter.count(header), true));
                        }
                        result.addAll(members);
                        continue;
                    }
                }
            }
            result.add(new Declaration(List.copyOf(symbols), text, tokens, false));
        }
        return result;
    }

    /** The name a declaration introduces, read from its first line of code. */
    static @Nullable String symbol(String declaration) {
        String code = firstCodeLine(declaration);
        if (code == null) {
            return null;
        }
        if (IMPORT.matcher(code).find()) {
            return "imports";
        }
        Matcher keyword = KEYWORD_SYMBOL.matcher(code);
        if (keyword.find()) {
            return keyword.group(1);
        }
        Matcher variable = VARIABLE_SYMBOL.matcher(code);
        if (variable.find()) {
            return variable.group(1);
        }
        int equals = code.indexOf('=');
        int paren = code.indexOf('(');
        if (equals >= 0 && (paren < 0 || equals < paren)) {
            Matcher assigned = ASSIGNED_SYMBOL.matcher(code);
            return assigned.find() ? assigned.group(1) : null;
        }
        Matcher call = CALL_SYMBOL.matcher(code);
        while (call.find()) {
            if (!NOT_SYMBOLS.contains(call.group(1))) {
                return call.group(1);
            }
        }
        Matcher assigned = ASSIGNED_SYMBOL.matcher(code);
        return assigned.find() ? assigned.group(1) : null;
    }

    /** Types have members worth their own chunks; a long function is split as text instead. */
    private static boolean isContainer(String declaration) {
        String code = firstCodeLine(declaration);
        return code != null && CONTAINER.matcher(code).find();
    }

    /** The first line that is neither blank, a comment, a docstring nor only annotations; annotations removed. */
    private static @Nullable String firstCodeLine(String declaration) {
        String closing = null;
        for (String line : declaration.split("\n")) {
            String code = ANNOTATIONS.matcher(line.strip()).replaceFirst("");
            if (closing != null) {
                closing = code.contains(closing) ? null : closing;
                continue;
            }
            for (String[] comment : MULTI_LINE_COMMENTS) {
                if (code.startsWith(comment[0]) && !code.substring(comment[0].length()).contains(comment[1])) {
                    closing = comment[1];
                }
            }
            if (closing != null || code.isEmpty() || code.startsWith("//") || code.startsWith("/*")
                    || code.startsWith("*") || code.startsWith("#") && !code.startsWith("#include")
                    || code.startsWith("\"\"\"") || code.startsWith("'''")) {
                continue;
            }
            return code;
        }
        return null;
    }

    /** Adjacent small declarations under the same parent share a chunk (imports, fields, one-line functions). */
    private List<Declaration> mergeTiny(List<Declaration> declarations) {
        return Neighbours.merge(declarations, (current, all, i) -> tryMerge(current, all.get(i)));
    }

    private @Nullable Declaration tryMerge(Declaration first, Declaration second) {
        // A type's intro goes with its members, never with what precedes the type.
        if (second.intro() || first.tokens() >= settings.minTokens() && second.tokens() >= settings.minTokens()
                || first.tokens() + second.tokens() > settings.maxTokens()) {
            return null;
        }
        List<String> parent = parent(first.symbols());
        boolean introOfSecond = first.intro() && first.symbols().equals(parent(second.symbols()));
        if (!introOfSecond && !parent.equals(parent(second.symbols()))) {
            return null;
        }
        String text = first.text() + "\n\n" + second.text();
        int tokens = splitter.count(text);
        return tokens <= settings.maxTokens() ? new Declaration(mergedSymbols(first, second, introOfSecond), text, tokens,
                first.intro() && !introOfSecond) : null;
    }

    /** Siblings merged are named together ({@code Invoice > discount, Line}); imports and unnamed code add no name. */
    private static List<String> mergedSymbols(Declaration first, Declaration second, boolean introOfSecond) {
        List<String> parent = parent(first.symbols());
        if (introOfSecond || first.symbols().equals(second.symbols())) {
            return first.symbols();
        }
        if (isImports(first) || first.symbols().size() == parent.size()) {
            return second.symbols();
        }
        if (isImports(second) || second.symbols().size() == parent.size()) {
            return first.symbols();
        }
        String names = first.symbols().getLast() + ", " + second.symbols().getLast();
        if (names.length() > MAX_MERGED_NAMES) {
            return parent;
        }
        List<String> symbols = new ArrayList<>(parent);
        symbols.add(names);
        return List.copyOf(symbols);
    }

    private static boolean isImports(Declaration declaration) {
        return !declaration.symbols().isEmpty() && declaration.symbols().getLast().equals("imports");
    }

    private static List<String> parent(List<String> symbols) {
        return symbols.isEmpty() ? symbols : symbols.subList(0, symbols.size() - 1);
    }

    /** Brace languages: a declaration ends with the line where a block closes or a statement ends at the top level. */
    static final class BraceSplit {

        private BraceSplit() {
        }

        static List<String> split(String source) {
            List<String> parts = new ArrayList<>();
            Lexer lexer = new Lexer(source);
            int start = 0;
            boolean pending = false;
            while (lexer.next()) {
                char c = source.charAt(lexer.position);
                if (c == '{' || c == '(' || c == '[') {
                    lexer.depth++;
                }
                else if (c == '}' || c == ')' || c == ']') {
                    lexer.depth = Math.max(0, lexer.depth - 1);
                    // A closing parenthesis ending a line ends a statement: Go's import ( ... ), a JS call.
                    pending |= lexer.depth == 0 && (c == '}' || c == ')' && restOfLineIsBlank(source, lexer.position));
                }
                else if (c == ';' && lexer.depth == 0) {
                    pending = true;
                }
                else if (c == '\n' && lexer.depth == 0 && !pending) {
                    // Imports and preprocessor lines need no semicolon in Go, Kotlin, Scala, Swift and C.
                    String line = source.substring(source.lastIndexOf('\n', lexer.position - 1) + 1, lexer.position).strip();
                    pending = IMPORT.matcher(line).find() || line.startsWith("#");
                }
                if (c == '\n' && pending) {
                    // A declaration ends at the end of the line that closed it (trailing comment, `};`, `})` kept).
                    parts.add(source.substring(start, lexer.position + 1));
                    start = lexer.position + 1;
                    pending = false;
                }
            }
            if (start < source.length()) {
                parts.add(source.substring(start));
            }
            return parts;
        }

        private static boolean restOfLineIsBlank(String source, int position) {
            int end = source.indexOf('\n', position);
            String rest = source.substring(position + 1, end < 0 ? source.length() : end).strip();
            return rest.isEmpty() || rest.startsWith("//");
        }

        /** The text between a declaration's first top-level {@code {} and its matching {@code }}, or null. */
        static @Nullable String body(String declaration) {
            Lexer lexer = new Lexer(declaration);
            int open = -1;
            while (lexer.next()) {
                char c = declaration.charAt(lexer.position);
                if (c == '{') {
                    if (lexer.depth == 0 && open < 0) {
                        open = lexer.position;
                    }
                    lexer.depth++;
                }
                else if (c == '}') {
                    lexer.depth--;
                    if (lexer.depth == 0 && open >= 0) {
                        int from = declaration.indexOf('\n', open);
                        return from < 0 || from >= lexer.position ? null : declaration.substring(from + 1, lexer.position);
                    }
                }
                else if (c == '(' || c == '[') {
                    lexer.depth++;
                }
                else if (c == ')' || c == ']') {
                    lexer.depth--;
                }
            }
            return null;
        }
    }

    /** Walks source characters outside comments and string literals (the C family's, JS templates, Go raw strings). */
    private static final class Lexer {

        private final String source;
        int position = -1;
        int depth;

        Lexer(String source) {
            this.source = source;
        }

        /** Moves to the next character that is code (newlines always count); false at the end. */
        boolean next() {
            int i = position + 1;
            while (i < source.length()) {
                char c = source.charAt(i);
                if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
                    int end = source.indexOf('\n', i);
                    i = end < 0 ? source.length() : end;
                    continue;
                }
                if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '*') {
                    int end = source.indexOf("*/", i + 2);
                    i = end < 0 ? source.length() : end + 2;
                    continue;
                }
                if (c == '"' || c == '\'' || c == '`') {
                    i = skipString(i, c);
                    continue;
                }
                position = i;
                return true;
            }
            position = source.length();
            return false;
        }

        /** Index after the literal opened at {@code start}; a quote or apostrophe literal never spans lines. */
        private int skipString(int start, char quote) {
            if (quote == '"' && source.startsWith("\"\"\"", start)) {
                int end = source.indexOf("\"\"\"", start + 3);
                return end < 0 ? source.length() : end + 3;
            }
            int i = start + 1;
            while (i < source.length()) {
                char c = source.charAt(i);
                if (c == '\\' && quote != '`') {
                    i += 2;
                    continue;
                }
                if (c == quote) {
                    return i + 1;
                }
                if (c == '\n' && quote != '`') {
                    // An apostrophe in Rust lifetimes or a stray quote: treat it as code, not as an open literal.
                    return start + 1;
                }
                i++;
            }
            return source.length();
        }
    }

    /** Python: a declaration starts at a line of the block's indentation that is not a continuation. */
    static final class PythonSplit {

        private PythonSplit() {
        }

        static List<String> split(String source) {
            String[] lines = source.split("\n", -1);
            int indent = blockIndent(lines);
            List<String> parts = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            boolean inDecorator = false;
            boolean currentIsDeclaration = false;
            String tripleQuote = null;
            for (String line : lines) {
                boolean top = tripleQuote == null && !line.isBlank() && indentOf(line) == indent;
                String code = line.strip();
                if (top) {
                    boolean declaration = PYTHON_DECLARATION.matcher(code).find();
                    boolean decorator = code.startsWith("@");
                    // A def/class or its decorators start a new part; other top-level lines follow a statement group.
                    boolean starts = (declaration && !inDecorator) || decorator && !inDecorator
                            || !declaration && !decorator && currentIsDeclaration && !code.startsWith("#")
                                    && !code.startsWith(")") && !code.startsWith("]") && !code.startsWith("}");
                    if (starts && !current.toString().isBlank()) {
                        parts.add(current.toString());
                        current.setLength(0);
                    }
                    if (starts || current.isEmpty()) {
                        currentIsDeclaration = declaration || decorator;
                    }
                    inDecorator = decorator;
                }
                current.append(line).append('\n');
                tripleQuote = tripleQuoteAfter(line, tripleQuote);
            }
            if (!current.toString().isBlank()) {
                parts.add(current.toString());
            }
            return parts;
        }

        /** The lines after a def/class header line, or null when it has none. */
        static @Nullable String body(String declaration) {
            String[] lines = declaration.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String code = lines[i].strip();
                if (PYTHON_DECLARATION.matcher(code).find() && code.endsWith(":")) {
                    return String.join("\n", Arrays.copyOfRange(lines, i + 1, lines.length));
                }
            }
            return null;
        }

        private static int blockIndent(String[] lines) {
            for (String line : lines) {
                if (!line.isBlank()) {
                    return indentOf(line);
                }
            }
            return 0;
        }

        private static int indentOf(String line) {
            int i = 0;
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            return i;
        }

        /** Whether a triple-quoted string is still open after this line. */
        private static @Nullable String tripleQuoteAfter(String line, @Nullable String open) {
            String state = open;
            int i = 0;
            while (i < line.length()) {
                if (state != null) {
                    int end = line.indexOf(state, i);
                    if (end < 0) {
                        return state;
                    }
                    i = end + 3;
                    state = null;
                    continue;
                }
                int dq = line.indexOf("\"\"\"", i);
                int sq = line.indexOf("'''", i);
                int hash = line.indexOf('#', i);
                int first = Math.min(dq < 0 ? Integer.MAX_VALUE : dq, sq < 0 ? Integer.MAX_VALUE : sq);
                if (first == Integer.MAX_VALUE || hash >= 0 && hash < first) {
                    return null;
                }
                state = first == dq ? "\"\"\"" : "'''";
                i = first + 3;
            }
            return state;
        }
    }
}
