package org.supportrag.ingestion.format;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.jspecify.annotations.Nullable;

/**
 * DOCX as Markdown, read straight from {@code word/document.xml} (a few hundred lines instead of Apache POI's tens
 * of megabytes): headings by style or outline level, paragraphs, list items and table rows.
 */
final class DocxReader implements DocumentReader {

    public static final String NOT_DOCX = "not a DOCX file (encrypted or legacy .doc?)";

    private static final String WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static final Pattern HEADING_STYLE = Pattern.compile("(?i)^heading\\s*([1-6])$");

    @Override
    public String read(byte[] bytes) throws UnreadableFileException {
        return OfficeZip.parseEntry(bytes, "word/document.xml", NOT_DOCX, xml -> new Parse(xml).read());
    }

    private static final class Parse extends MarkdownBlocks {

        private final XMLStreamReader xml;

        Parse(XMLStreamReader xml) {
            this.xml = xml;
        }

        String read() throws XMLStreamException {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT && WORD.equals(xml.getNamespaceURI())
                        && !startTablePart(OOXML_TABLES, xml.getLocalName())) {
                    switch (xml.getLocalName()) {
                        case "pStyle" -> headingLevel = headingLevel(xml.getAttributeValue(WORD, "val"));
                        case "outlineLvl" -> headingLevel = outlineLevel(xml.getAttributeValue(WORD, "val"));
                        case "numPr" -> listItem = true;
                        case "t" -> paragraph.append(xml.getElementText());
                        case "tab" -> paragraph.append(' ');
                        case "br", "cr" -> paragraph.append('\n');
                        default -> {
                        }
                    }
                }
                else if (event == XMLStreamConstants.END_ELEMENT && WORD.equals(xml.getNamespaceURI())) {
                    if (xml.getLocalName().equals("p")) {
                        endParagraph();
                    }
                    else {
                        endTablePart(OOXML_TABLES, xml.getLocalName());
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
}
