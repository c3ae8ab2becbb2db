package org.supportrag.ingestion.format;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An XLSX workbook as Markdown, from {@code xl/worksheets/sheetN.xml}: each worksheet a section ({@code ## Sheet N})
 * holding its rows as a Markdown table, the first row as header. Cell values as stored (formulas' cached results);
 * shared and inline strings resolved.
 */
final class XlsxReader implements DocumentReader {

    public static final String NOT_XLSX = "not an XLSX file";

    private static final Pattern SHEET = Pattern.compile("xl/worksheets/sheet(\\d{1,4})\\.xml");
    private static final String SHARED_STRINGS = "xl/sharedStrings.xml";
    private static final int MAX_SHEETS = 1000;
    private static final int MAX_COLUMNS = 200;

    @Override
    public String read(byte[] bytes) throws UnreadableFileException {
        SortedMap<Integer, byte[]> sheets = new TreeMap<>();
        List<byte[]> sharedStrings = new ArrayList<>(1);
        OfficeZip.entries(bytes,
                name -> name.equals(SHARED_STRINGS) || SHEET.matcher(name).matches() && sheets.size() < MAX_SHEETS,
                (name, xml) -> {
                    if (name.equals(SHARED_STRINGS)) {
                        sharedStrings.add(xml);
                    }
                    else {
                        sheets.put(PptxReader.number(SHEET, name), xml);
                    }
                }, NOT_XLSX);
        if (sheets.isEmpty()) {
            throw new UnreadableFileException(NOT_XLSX);
        }
        try {
            List<String> strings = sharedStrings.isEmpty() ? List.of() : sharedStrings(sharedStrings.getLast());
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
        XMLStreamReader reader = OfficeZip.xml(xml);
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
        XMLStreamReader reader = OfficeZip.xml(xml);
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
}
