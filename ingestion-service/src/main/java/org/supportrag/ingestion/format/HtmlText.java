package org.supportrag.ingestion.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.text.Normalizer;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;

/**
 * The main content of an HTML page as Markdown, so it is chunked by the same heading hierarchy as Markdown files.
 * Navigation, page headers and footers, sidebars, scripts, styles and forms are dropped; headings, paragraphs, lists,
 * tables and preformatted code keep their structure.
 */
public final class HtmlText {

    public static final String NOT_HTML = "not an HTML file";

    /** Never content: dropped wherever they are. */
    private static final String BOILERPLATE = "script, style, noscript, template, nav, aside, form, iframe, svg, canvas, "
            + "button, select, [role=navigation], [role=banner], [role=contentinfo], [role=search], [role=complementary], "
            + "[aria-hidden=true], [hidden]";

    private static final Set<String> BLOCKS = Set.of("address", "article", "blockquote", "body", "dd", "details", "div",
            "dl", "dt", "fieldset", "figcaption", "figure", "footer", "header", "hr", "li", "main", "p", "section",
            "summary", "caption");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern MARKDOWN_BLOCK_START = Pattern.compile("^(?:#|`{3}|~{3})");

    private HtmlText() {
    }

    /**
     * @param bytes the page as uploaded; its charset comes from a byte order mark or {@code <meta charset>}, else UTF-8
     * @return Markdown, starting with {@code # title} when the page has a {@code <title>} but no {@code <h1>}
     */
    public static String toMarkdown(byte[] bytes) throws UnreadableFileException {
        if (FileSignatures.looksBinary(bytes)) {
            throw new UnreadableFileException(NOT_HTML);
        }
        Document document;
        try {
            document = Jsoup.parse(new ByteArrayInputStream(bytes), null, "");
        }
        catch (IOException ex) {
            throw new UnreadableFileException(NOT_HTML, ex);
        }
        Element root = mainContent(document);
        root.select(BOILERPLATE).remove();
        // A page's own header and footer are chrome; an article's header holds its title and byline.
        for (Element element : root.select("header, footer")) {
            if (element.closest("article, main") == null) {
                element.remove();
            }
        }
        Writer writer = new Writer();
        if (root.selectFirst("h1") == null && !document.title().isBlank()) {
            writer.heading(1, document.title());
        }
        writer.children(root);
        writer.flush();
        return Normalizer.normalize(writer.out.toString().strip(), Normalizer.Form.NFC) + "\n";
    }

    /** {@code <main>}, else the only {@code <article>}, else the body. */
    private static Element mainContent(Document document) {
        Element main = document.selectFirst("main, [role=main]");
        if (main != null) {
            return main;
        }
        Elements articles = document.select("article");
        if (articles.size() == 1) {
            return articles.getFirst();
        }
        return document.body();
    }

    private static String collapse(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ");
    }

    /** Builds the Markdown: block elements become paragraphs, inline content is joined into them. */
    private static final class Writer {

        private final StringBuilder out = new StringBuilder();
        private final StringBuilder inline = new StringBuilder();

        void children(Element element) {
            for (Node child : element.childNodes()) {
                node(child);
            }
        }

        private void node(Node node) {
            if (node instanceof TextNode text) {
                inline.append(collapse(text.getWholeText()));
                return;
            }
            if (!(node instanceof Element element)) {
                return;
            }
            String tag = element.normalName();
            switch (tag) {
                case "h1", "h2", "h3", "h4", "h5", "h6" -> heading(tag.charAt(1) - '0', element.text());
                case "br" -> inline.append('\n');
                case "pre" -> code(element.wholeText());
                case "ul", "ol" -> list(element, 0);
                case "table" -> table(element);
                case "code" -> inline.append('`').append(collapse(element.wholeText())).append('`');
                case "img" -> {
                    // Images carry no text to index; their alt text usually repeats the caption.
                }
                default -> {
                    boolean block = BLOCKS.contains(tag);
                    if (block) {
                        flush();
                    }
                    children(element);
                    if (block) {
                        flush();
                    }
                }
            }
        }

        void heading(int level, String text) {
            flush();
            String title = collapse(text).strip();
            if (!title.isEmpty()) {
                block("#".repeat(level) + " " + title);
            }
        }

        private void code(String text) {
            flush();
            String body = text.replace("\r\n", "\n").stripTrailing();
            if (!body.isBlank()) {
                // A fence longer than any backtick run inside, so the code cannot close it.
                String fence = "`".repeat(Math.max(3, longestRun(body, '`') + 1));
                block(fence + "\n" + body.replaceFirst("^\\n+", "") + "\n" + fence);
            }
        }

        private void list(Element list, int depth) {
            flush();
            StringBuilder items = new StringBuilder();
            listItems(list, depth, items);
            if (!items.isEmpty()) {
                block(items.toString().stripTrailing());
            }
        }

        private void listItems(Element list, int depth, StringBuilder items) {
            boolean ordered = list.normalName().equals("ol");
            int number = 1;
            for (Element item : list.children()) {
                if (!item.normalName().equals("li")) {
                    continue;
                }
                StringBuilder own = new StringBuilder();
                for (Node child : item.childNodes()) {
                    if (!(child instanceof Element nested && (nested.normalName().equals("ul") || nested.normalName().equals("ol")))) {
                        own.append(child instanceof TextNode text ? text.getWholeText()
                                : child instanceof Element element ? element.text() : "");
                    }
                }
                String text = collapse(own.toString()).strip();
                if (!text.isEmpty()) {
                    items.append("  ".repeat(depth)).append(ordered ? number++ + ". " : "- ").append(text).append('\n');
                }
                for (Element nested : item.children()) {
                    if (nested.normalName().equals("ul") || nested.normalName().equals("ol")) {
                        listItems(nested, depth + 1, items);
                    }
                }
            }
        }

        private void table(Element table) {
            flush();
            StringBuilder rows = new StringBuilder();
            boolean first = true;
            for (Element row : table.select("tr")) {
                if (row.closest("table") != table) {
                    continue;
                }
                List<String> cells = row.children()
                    .stream()
                    .filter(cell -> cell.normalName().equals("td") || cell.normalName().equals("th"))
                    .map(cell -> collapse(cell.text()).strip().replace("|", "\\|"))
                    .toList();
                if (cells.isEmpty()) {
                    continue;
                }
                rows.append("| ").append(String.join(" | ", cells)).append(" |\n");
                if (first) {
                    rows.append("|").append(" --- |".repeat(cells.size())).append('\n');
                    first = false;
                }
            }
            if (!rows.isEmpty()) {
                block(rows.toString().stripTrailing());
            }
        }

        /** Ends the current paragraph. */
        void flush() {
            // A text line that would read as a Markdown heading or code fence is escaped to stay text.
            String text = inline.toString()
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .map(line -> MARKDOWN_BLOCK_START.matcher(line).find() ? "\\" + line : line)
                .reduce((a, b) -> a + "\n" + b)
                .orElse("");
            inline.setLength(0);
            if (!text.isEmpty()) {
                block(text);
            }
        }

        private void block(String text) {
            if (!out.isEmpty()) {
                out.append("\n\n");
            }
            out.append(text);
        }

        private static int longestRun(String text, char c) {
            int longest = 0;
            int run = 0;
            for (int i = 0; i < text.length(); i++) {
                run = text.charAt(i) == c ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
            return longest;
        }
    }
}
