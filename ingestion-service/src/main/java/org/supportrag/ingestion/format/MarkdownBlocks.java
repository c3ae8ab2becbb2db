package org.supportrag.ingestion.format;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** Collects the paragraphs and table rows of an office document into Markdown blocks. */
abstract class MarkdownBlocks {

    /** The element names of a format's tables, rows and cells. */
    record TableTags(String table, String row, String cell) {
    }

    /** DOCX and PPTX (WordprocessingML and DrawingML) name them alike. */
    static final TableTags OOXML_TABLES = new TableTags("tbl", "tr", "tc");

    private static final Pattern MARKDOWN_BLOCK_START = Pattern.compile("^(#|`{3}|~{3})");

    final List<String> blocks = new ArrayList<>();
    final StringBuilder paragraph = new StringBuilder();
    private @Nullable List<String> row;
    private @Nullable StringBuilder cell;
    private final StringBuilder table = new StringBuilder();
    private int tableDepth;
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

    /** Follows a table, row or cell start tag of the format's {@code tags}; false for any other element. */
    boolean startTablePart(TableTags tags, String name) {
        if (name.equals(tags.table())) {
            tableDepth++;
        }
        else if (name.equals(tags.row())) {
            row = tableDepth == 1 ? new ArrayList<>() : row;
        }
        else if (name.equals(tags.cell())) {
            cell = row != null && tableDepth == 1 ? new StringBuilder() : cell;
        }
        else {
            return false;
        }
        return true;
    }

    /** Follows a table, row or cell end tag; only the outermost table becomes a block, nested ones join its cells. */
    boolean endTablePart(TableTags tags, String name) {
        if (name.equals(tags.cell())) {
            endCell();
        }
        else if (name.equals(tags.row())) {
            endRow();
        }
        else if (name.equals(tags.table())) {
            tableDepth--;
            endTable();
        }
        else {
            return false;
        }
        return true;
    }

    private void endCell() {
        if (row != null && cell != null && tableDepth == 1) {
            row.add(cell.toString());
            cell = null;
        }
    }

    private void endRow() {
        if (row != null && !row.isEmpty() && tableDepth == 1) {
            boolean first = table.isEmpty();
            table.append("| ").append(String.join(" | ", row)).append(" |\n");
            if (first) {
                table.append("|").append(" --- |".repeat(row.size())).append('\n');
            }
        }
        row = null;
    }

    private void endTable() {
        if (tableDepth == 0 && !table.isEmpty()) {
            blocks.add(table.toString().stripTrailing());
            table.setLength(0);
        }
    }

    String markdown() {
        return String.join("\n\n", blocks) + "\n";
    }
}
