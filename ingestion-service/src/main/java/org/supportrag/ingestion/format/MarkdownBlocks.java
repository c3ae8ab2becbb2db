package org.supportrag.ingestion.format;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** Collects the paragraphs and table rows of an office document into Markdown blocks. */
abstract class MarkdownBlocks {

    private static final Pattern MARKDOWN_BLOCK_START = Pattern.compile("^(#|`{3}|~{3})");

    final List<String> blocks = new ArrayList<>();
    final StringBuilder paragraph = new StringBuilder();
    @Nullable List<String> row;
    @Nullable StringBuilder cell;
    final StringBuilder table = new StringBuilder();
    int tableDepth;
    int headingLevel;
    boolean listItem;

    void endParagraph() {
        String text = paragraph.toString().replaceAll("[ \\t\\u00A0]+", " ").strip();
        paragraph.setLength(0);
        if (text.isEmpty()) {
            headingLevel = 0;
            listItem = false;
            return;
        }
        if (cell != null) {
            // A cell's paragraphs share the cell.
            cell.append(cell.isEmpty() ? "" : " ").append(text.replace("\n", " ").replace("|", "\\|"));
        }
        else if (headingLevel > 0) {
            blocks.add("#".repeat(headingLevel) + " " + text.replace('\n', ' '));
        }
        else {
            String escaped = MARKDOWN_BLOCK_START.matcher(text).find() ? "\\" + text : text;
            if (listItem && !blocks.isEmpty() && blocks.getLast().startsWith("- ")) {
                blocks.set(blocks.size() - 1, blocks.getLast() + "\n- " + escaped);
            }
            else {
                blocks.add(listItem ? "- " + escaped : escaped);
            }
        }
        headingLevel = 0;
        listItem = false;
    }

    void startCell() {
        cell = row != null && tableDepth == 1 ? new StringBuilder() : cell;
    }

    void endCell() {
        if (row != null && cell != null && tableDepth == 1) {
            row.add(cell.toString());
            cell = null;
        }
    }

    void endRow() {
        if (row != null && !row.isEmpty() && tableDepth == 1) {
            boolean first = table.isEmpty();
            table.append("| ").append(String.join(" | ", row)).append(" |\n");
            if (first) {
                table.append("|").append(" --- |".repeat(row.size())).append('\n');
            }
        }
        row = null;
    }

    void endTable() {
        if (tableDepth == 0 && !table.isEmpty()) {
            blocks.add(table.toString().stripTrailing());
            table.setLength(0);
        }
    }

    String markdown() {
        return String.join("\n\n", blocks) + "\n";
    }
}
