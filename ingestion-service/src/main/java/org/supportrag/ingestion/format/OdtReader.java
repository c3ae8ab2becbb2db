package org.supportrag.ingestion.format;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** ODT as Markdown, read straight from {@code content.xml}: headings, paragraphs, list items and table rows. */
final class OdtReader implements DocumentReader {

    public static final String NOT_ODT = "not an ODT file";

    private static final String ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    private static final String ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private static final MarkdownBlocks.TableTags ODF_TABLES =
            new MarkdownBlocks.TableTags("table", "table-row", "table-cell");

    @Override
    public String read(byte[] bytes) throws UnreadableFileException {
        return OfficeZip.parseEntry(bytes, "content.xml", NOT_ODT, xml -> new Parse(xml).read());
    }

    private static final class Parse extends MarkdownBlocks {

        private final XMLStreamReader xml;
        private int listDepth;

        Parse(XMLStreamReader xml) {
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
                startTablePart(ODF_TABLES, name);
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
                endTablePart(ODF_TABLES, name);
            }
        }
    }
}
