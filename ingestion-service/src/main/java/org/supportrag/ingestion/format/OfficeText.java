package org.supportrag.ingestion.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.jspecify.annotations.Nullable;

/**
 * Office documents as Markdown, read straight from their XML (a few hundred lines instead of Apache POI's tens of
 * megabytes): DOCX ({@code word/document.xml}), ODT ({@code content.xml}), PPTX ({@code ppt/slides/slideN.xml}) and
 * XLSX ({@code xl/worksheets/sheetN.xml}).
 * Headings (by style or outline level), paragraphs, list items and table rows keep their structure, so they chunk
 * like Markdown.
 */
public final class OfficeText {

    public static final String NOT_DOCX = "not a DOCX file (encrypted or legacy .doc?)";
    public static final String NOT_ODT = "not an ODT file";
    public static final String NOT_PPTX = "not a PPTX file";
    public static final String NOT_XLSX = "not an XLSX file";
    public static final String TOO_LARGE = "document too large when uncompressed";

    /** Upper bound on the uncompressed XML read, against zip bombs. */
    static final int MAX_XML_BYTES = 64 * 1024 * 1024;

    private static final String DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main";
    private static final String PRESENTATION = "http://schemas.openxmlformats.org/presentationml/2006/main";
    private static final Pattern SLIDE = Pattern.compile("ppt/slides/slide(\\d{1,4})\\.xml");
    private static final Pattern SHEET = Pattern.compile("xl/worksheets/sheet(\\d{1,4})\\.xml");
    private static final int MAX_SLIDES = 1000;
    private static final int MAX_COLUMNS = 200;
    private static final String WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static final String ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    private static final String ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private static final Pattern HEADING_STYLE = Pattern.compile("(?i)^heading\\s*([1-6])$");
    private static final Pattern MARKDOWN_BLOCK_START = Pattern.compile("^(#|`{3}|~{3})");

    private static final XMLInputFactory XML = xmlFactory();

    private OfficeText() {
    }

    public static String docxToMarkdown(byte[] bytes) throws UnreadableFileException {
        byte[] xml = entry(bytes, "word/document.xml", NOT_DOCX);
        try {
            return new DocxReader(XML.createXMLStreamReader(new ByteArrayInputStream(xml))).read();
        }
        catch (XMLStreamException | RuntimeException ex) {
            throw new UnreadableFileException(NOT_DOCX, ex);
        }
    }

    public static String odtToMarkdown(byte[] bytes) throws UnreadableFileException {
        byte[] xml = entry(bytes, "content.xml", NOT_ODT);
        try {
            return new OdtReader(XML.createXMLStreamReader(new ByteArrayInputStream(xml))).read();
        }
        catch (XMLStreamException | RuntimeException ex) {
            throw new UnreadableFileException(NOT_ODT, ex);
        }
    }

    /**
     * A slide deck: each slide a section ({@code ## Slide N: its title}) with its text; the first slide's title is the
     * deck's. Speaker notes and layouts are not read.
     */
    public static String pptxToMarkdown(byte[] bytes) throws UnreadableFileException {
        if (!isZip(bytes)) {
            throw new UnreadableFileException(NOT_PPTX);
        }
        SortedMap<Integer, byte[]> slides = new TreeMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Matcher slide = SLIDE.matcher(entry.getName());
                if (slide.matches() && slides.size() < MAX_SLIDES) {
                    byte[] xml = readCapped(zip);
                    total += xml.length;
                    if (total > MAX_XML_BYTES) {
                        throw new UnreadableFileException(TOO_LARGE);
                    }
                    slides.put(Integer.parseInt(slide.group(1)), xml);
                }
            }
        }
        catch (IOException | IllegalArgumentException ex) {
            throw new UnreadableFileException(NOT_PPTX, ex);
        }
        if (slides.isEmpty()) {
            throw new UnreadableFileException(NOT_PPTX);
        }
        StringBuilder markdown = new StringBuilder();
        int number = 0;
        for (byte[] xml : slides.values()) {
            number++;
            try {
                SlideReader slide = new SlideReader(XML.createXMLStreamReader(new ByteArrayInputStream(xml)));
                slide.read();
                String title = slide.title.toString().replaceAll("\\s+", " ").strip();
                markdown.append(number == 1 && !title.isEmpty() ? "# " + title
                        : "## Slide " + number + (title.isEmpty() ? "" : ": " + title)).append("\n\n");
                if (!slide.blocks.isEmpty()) {
                    markdown.append(String.join("\n\n", slide.blocks)).append("\n\n");
                }
            }
            catch (XMLStreamException | RuntimeException ex) {
                throw new UnreadableFileException(NOT_PPTX, ex);
            }
        }
        return markdown.toString().strip() + "\n";
    }

    /**
     * A workbook: each worksheet a section ({@code ## Sheet N}) holding its rows as a Markdown table, the first row
     * as header. Cell values as stored (formulas' cached results); shared and inline strings resolved.
     */
    public static String xlsxToMarkdown(byte[] bytes) throws UnreadableFileException {
        if (!isZip(bytes)) {
            throw new UnreadableFileException(NOT_XLSX);
        }
        SortedMap<Integer, byte[]> sheets = new TreeMap<>();
        byte[] sharedStrings = null;
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Matcher sheet = SHEET.matcher(entry.getName());
                boolean strings = entry.getName().equals("xl/sharedStrings.xml");
                if (strings || sheet.matches() && sheets.size() < MAX_SLIDES) {
                    byte[] xml = readCapped(zip);
                    total += xml.length;
                    if (total > MAX_XML_BYTES) {
                        throw new UnreadableFileException(TOO_LARGE);
                    }
                    if (strings) {
                        sharedStrings = xml;
                    }
                    else {
                        sheets.put(Integer.parseInt(sheet.group(1)), xml);
                    }
                }
            }
        }
        catch (IOException | IllegalArgumentException ex) {
            throw new UnreadableFileException(NOT_XLSX, ex);
        }
        if (sheets.isEmpty()) {
            throw new UnreadableFileException(NOT_XLSX);
        }
        try {
            List<String> strings = sharedStrings == null ? List.of() : sharedStrings(sharedStrings);
            StringBuilder markdown = new StringBuilder();
            int number = 0;
            for (byte[] xml : sheets.values()) {
                number++;
                String table = sheetTable(xml, strings);
                if (!table.isEmpty()) {
                    markdown.append("## Sheet ").append(number).append("\n\n").append(table).append("\n\n");
                }
            }
            return markdown.toString().strip() + "\n";
        }
        catch (XMLStreamException | RuntimeException ex) {
            throw new UnreadableFileException(NOT_XLSX, ex);
        }
    }

    private static List<String> sharedStrings(byte[] xml) throws XMLStreamException {
        XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(xml));
        List<String> strings = new ArrayList<>();
        StringBuilder current = null;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals("si")) {
                current = new StringBuilder();
            }
            else if (event == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals("t") && current != null) {
                current.append(reader.getElementText());
            }
            else if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("si") && current != null) {
                strings.add(current.toString());
                current = null;
            }
        }
        return strings;
    }

    private static String sheetTable(byte[] xml, List<String> strings) throws XMLStreamException {
        XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(xml));
        StringBuilder table = new StringBuilder();
        List<String> row = null;
        int column = 0;
        String type = null;
        StringBuilder value = new StringBuilder();
        int width = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (reader.getLocalName()) {
                    case "row" -> row = new ArrayList<>();
                    case "c" -> {
                        String reference = reader.getAttributeValue(null, "r");
                        column = reference == null ? (row == null ? 0 : row.size()) : columnIndex(reference);
                        type = reader.getAttributeValue(null, "t");
                        value.setLength(0);
                    }
                    case "v", "t" -> value.append(reader.getElementText());
                    default -> {
                    }
                }
            }
            else if (event == XMLStreamConstants.END_ELEMENT) {
                switch (reader.getLocalName()) {
                    case "c" -> {
                        if (row != null && column < MAX_COLUMNS) {
                            String text = value.toString();
                            if ("s".equals(type) && text.matches("\\d{1,9}") && Integer.parseInt(text) < strings.size()) {
                                text = strings.get(Integer.parseInt(text));
                            }
                            else if ("b".equals(type)) {
                                text = "1".equals(text) ? "TRUE" : "FALSE";
                            }
                            while (row.size() < column) {
                                row.add("");
                            }
                            row.add(text.replaceAll("\\s+", " ").strip().replace("|", "\\|"));
                        }
                    }
                    case "row" -> {
                        if (row != null && row.stream().anyMatch(cell -> !cell.isEmpty())) {
                            boolean first = table.isEmpty();
                            table.append("| ").append(String.join(" | ", row)).append(" |\n");
                            if (first) {
                                width = row.size();
                                table.append("|").append(" --- |".repeat(width)).append('\n');
                            }
                        }
                        row = null;
                    }
                    default -> {
                    }
                }
            }
        }
        return table.toString().stripTrailing();
    }

    /** Zero-based column of a cell reference like {@code C5}. */
    private static int columnIndex(String reference) {
        int index = 0;
        for (int i = 0; i < reference.length() && Character.isLetter(reference.charAt(i)); i++) {
            index = index * 26 + (Character.toUpperCase(reference.charAt(i)) - 'A' + 1);
        }
        return Math.max(0, index - 1);
    }

    private static boolean isZip(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    /** One entry of the zip container, read with a size cap whatever its header claims. */
    private static byte[] entry(byte[] bytes, String name, String notThisKind) throws UnreadableFileException {
        if (!isZip(bytes)) {
            throw new UnreadableFileException(notThisKind);
        }
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(name)) {
                    return readCapped(zip);
                }
            }
        }
        catch (IOException | IllegalArgumentException ex) {
            throw new UnreadableFileException(notThisKind, ex);
        }
        throw new UnreadableFileException(notThisKind);
    }

    private static byte[] readCapped(InputStream in) throws IOException, UnreadableFileException {
        byte[] data = in.readNBytes(MAX_XML_BYTES + 1);
        if (data.length > MAX_XML_BYTES) {
            throw new UnreadableFileException(TOO_LARGE);
        }
        return data;
    }

    private static XMLInputFactory xmlFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // Untrusted XML: no DTDs, no external entities.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    /** Collects paragraphs and table rows into Markdown blocks. */
    private static class Blocks {

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

    private static final class DocxReader extends Blocks {

        private final XMLStreamReader xml;

        DocxReader(XMLStreamReader xml) {
            this.xml = xml;
        }

        String read() throws XMLStreamException {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT && WORD.equals(xml.getNamespaceURI())) {
                    switch (xml.getLocalName()) {
                        case "pStyle" -> headingLevel = headingLevel(xml.getAttributeValue(WORD, "val"));
                        case "outlineLvl" -> headingLevel = outlineLevel(xml.getAttributeValue(WORD, "val"));
                        case "numPr" -> listItem = true;
                        case "t" -> paragraph.append(xml.getElementText());
                        case "tab" -> paragraph.append(' ');
                        case "br", "cr" -> paragraph.append('\n');
                        case "tbl" -> tableDepth++;
                        case "tr" -> row = tableDepth == 1 ? new ArrayList<>() : row;
                        case "tc" -> startCell();
                        default -> {
                        }
                    }
                }
                else if (event == XMLStreamConstants.END_ELEMENT && WORD.equals(xml.getNamespaceURI())) {
                    switch (xml.getLocalName()) {
                        case "p" -> endParagraph();
                        case "tc" -> endCell();
                        case "tr" -> endRow();
                        case "tbl" -> {
                            tableDepth--;
                            endTable();
                        }
                        default -> {
                        }
                    }
                }
            }
            return markdown();
        }

        private int headingLevel(@Nullable String style) {
            if (style == null) {
                return headingLevel;
            }
            if (style.equalsIgnoreCase("Title")) {
                return 1;
            }
            Matcher matcher = HEADING_STYLE.matcher(style);
            return matcher.matches() ? Integer.parseInt(matcher.group(1)) : headingLevel;
        }

        private int outlineLevel(@Nullable String value) {
            if (value == null || !value.matches("[0-5]")) {
                return headingLevel;
            }
            return Integer.parseInt(value) + 1;
        }
    }

    private static final class OdtReader extends Blocks {

        private final XMLStreamReader xml;
        private int listDepth;

        OdtReader(XMLStreamReader xml) {
            this.xml = xml;
        }

        String read() throws XMLStreamException {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    startElement();
                }
                else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    if (inTextBody) {
                        paragraph.append(xml.getText());
                    }
                }
                else if (event == XMLStreamConstants.END_ELEMENT) {
                    endElement();
                }
            }
            return markdown();
        }

        /** Text counts only inside paragraphs and headings (not in style or field declarations). */
        private boolean inTextBody;
        private int textDepth;

        private void startElement() {
            String namespace = xml.getNamespaceURI();
            String name = xml.getLocalName();
            if (ODF_TEXT.equals(namespace)) {
                switch (name) {
                    case "h" -> {
                        String level = xml.getAttributeValue(ODF_TEXT, "outline-level");
                        headingLevel = level != null && level.matches("[1-6]") ? Integer.parseInt(level) : 1;
                        enterText();
                    }
                    case "p" -> {
                        listItem = listDepth > 0;
                        enterText();
                    }
                    case "list" -> listDepth++;
                    case "s" -> paragraph.append(' ');
                    case "tab" -> paragraph.append(' ');
                    case "line-break" -> paragraph.append('\n');
                    default -> {
                    }
                }
            }
            else if (ODF_TABLE.equals(namespace)) {
                switch (name) {
                    case "table" -> tableDepth++;
                    case "table-row" -> row = tableDepth == 1 ? new ArrayList<>() : row;
                    case "table-cell" -> startCell();
                    default -> {
                    }
                }
            }
        }

        private void enterText() {
            textDepth++;
            inTextBody = true;
        }

        private void endElement() {
            String namespace = xml.getNamespaceURI();
            String name = xml.getLocalName();
            if (ODF_TEXT.equals(namespace)) {
                switch (name) {
                    case "h", "p" -> {
                        textDepth--;
                        inTextBody = textDepth > 0;
                        // A paragraph nested in another (a note) ends its own text only at the outer end.
                        if (textDepth == 0) {
                            endParagraph();
                        }
                    }
                    case "list" -> listDepth--;
                    default -> {
                    }
                }
            }
            else if (ODF_TABLE.equals(namespace)) {
                switch (name) {
                    case "table-cell" -> endCell();
                    case "table-row" -> endRow();
                    case "table" -> {
                        tableDepth--;
                        endTable();
                    }
                    default -> {
                    }
                }
            }
        }
    }

    /** A slide's text: the title placeholder's, and every other shape's paragraphs (table cells included). */
    private static final class SlideReader extends Blocks {

        private final XMLStreamReader xml;
        final StringBuilder title = new StringBuilder();
        private boolean inTitle;
        private int shapeDepth;

        SlideReader(XMLStreamReader xml) {
            this.xml = xml;
        }

        void read() throws XMLStreamException {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    if (PRESENTATION.equals(xml.getNamespaceURI()) && name.equals("sp")) {
                        shapeDepth++;
                    }
                    else if (PRESENTATION.equals(xml.getNamespaceURI()) && name.equals("ph") && shapeDepth > 0) {
                        String type = xml.getAttributeValue(null, "type");
                        inTitle = "title".equals(type) || "ctrTitle".equals(type);
                    }
                    else if (DRAWING.equals(xml.getNamespaceURI())) {
                        switch (name) {
                            case "t" -> paragraph.append(xml.getElementText());
                            case "br" -> paragraph.append('\n');
                            case "tbl" -> tableDepth++;
                            case "tr" -> row = tableDepth == 1 ? new ArrayList<>() : row;
                            case "tc" -> startCell();
                            default -> {
                            }
                        }
                    }
                }
                else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = xml.getLocalName();
                    if (PRESENTATION.equals(xml.getNamespaceURI()) && name.equals("sp")) {
                        shapeDepth--;
                        inTitle = false;
                    }
                    else if (DRAWING.equals(xml.getNamespaceURI())) {
                        switch (name) {
                            case "p" -> {
                                if (inTitle) {
                                    title.append(title.isEmpty() ? "" : " ").append(paragraph);
                                    paragraph.setLength(0);
                                }
                                else {
                                    endParagraph();
                                }
                            }
                            case "tc" -> endCell();
                            case "tr" -> endRow();
                            case "tbl" -> {
                                tableDepth--;
                                endTable();
                            }
                            default -> {
                            }
                        }
                    }
                }
            }
        }
    }
}
