package org.supportrag.ingestion.format;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A PPTX slide deck as Markdown, from {@code ppt/slides/slideN.xml}: each slide a section ({@code ## Slide N: its
 * title}) with its text; the first slide's title is the deck's. Speaker notes and layouts are not read.
 */
final class PptxReader implements DocumentReader {

    public static final String NOT_PPTX = "not a PPTX file";

    private static final String DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main";
    private static final String PRESENTATION = "http://schemas.openxmlformats.org/presentationml/2006/main";
    private static final Pattern SLIDE = Pattern.compile("ppt/slides/slide(\\d{1,4})\\.xml");
    private static final int MAX_SLIDES = 1000;

    @Override
    public String read(byte[] bytes) throws UnreadableFileException {
        SortedMap<Integer, byte[]> slides = new TreeMap<>();
        OfficeZip.entries(bytes, name -> SLIDE.matcher(name).matches() && slides.size() < MAX_SLIDES,
                (name, xml) -> slides.put(number(SLIDE, name), xml), NOT_PPTX);
        if (slides.isEmpty()) {
            throw new UnreadableFileException(NOT_PPTX);
        }
        StringBuilder markdown = new StringBuilder();
        int number = 0;
        for (byte[] xml : slides.values()) {
            number++;
            try {
                Slide slide = new Slide(OfficeZip.xml(xml));
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

    static int number(Pattern pattern, String name) {
        Matcher matcher = pattern.matcher(name);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(name);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** A slide's text: the title placeholder's, and every other shape's paragraphs (table cells included). */
    private static final class Slide extends MarkdownBlocks {

        private final XMLStreamReader xml;
        final StringBuilder title = new StringBuilder();
        private boolean inTitle;
        private int shapeDepth;

        Slide(XMLStreamReader xml) {
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
                    else if (DRAWING.equals(xml.getNamespaceURI()) && !startTablePart(OOXML_TABLES, name)) {
                        switch (name) {
                            case "t" -> paragraph.append(xml.getElementText());
                            case "br" -> paragraph.append('\n');
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
                    else if (DRAWING.equals(xml.getNamespaceURI()) && name.equals("p")) {
                        if (inTitle) {
                            title.append(title.isEmpty() ? "" : " ").append(paragraph);
                            paragraph.setLength(0);
                        }
                        else {
                            endParagraph();
                        }
                    }
                    else if (DRAWING.equals(xml.getNamespaceURI())) {
                        endTablePart(OOXML_TABLES, name);
                    }
                }
            }
        }
    }
}
