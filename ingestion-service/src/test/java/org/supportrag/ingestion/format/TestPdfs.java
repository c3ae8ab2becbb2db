package org.supportrag.ingestion.format;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Real PDFs written with PDFBox, the way a word processor lays text out: wrapped lines, gaps between paragraphs. */
public final class TestPdfs {

    /** A two-page help-center article: each page a list of paragraphs. */
    public static final List<List<String>> WARRANTY_PAGES = List.of(
            List.of("Warranty and repairs",
                    "Every device we sell carries a two-year limited warranty from the date of delivery. The warranty "
                            + "covers manufacturing defects in materials and workmanship under normal use.",
                    "Accidental damage, water damage and normal wear of the battery are not covered. Devices opened or "
                            + "repaired by anyone other than an authorised service partner lose their warranty."),
            List.of("To start a repair, open Orders, choose the device and select Request repair. We email a prepaid "
                    + "shipping label within one business day.",
                    "Repairs under warranty are free of charge and usually take five to seven business days from the "
                            + "moment the device arrives at our service centre."));

    private static final float FONT_SIZE = 11;
    private static final float LEADING = 14;
    private static final int WRAP = 80;

    private TestPdfs() {
    }

    /** Pages of paragraphs, lines wrapped at about 80 characters; {@code title} goes into the document information. */
    public static byte[] text(String title, List<List<String>> pages) {
        try (PDDocument document = new PDDocument()) {
            document.getDocumentInformation().setTitle(title);
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (List<String> paragraphs : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, FONT_SIZE);
                    content.newLineAtOffset(72, 770);
                    for (String paragraph : paragraphs) {
                        for (String line : wrap(paragraph)) {
                            content.showText(line);
                            content.newLineAtOffset(0, -LEADING);
                        }
                        // An empty line's worth of space: how PDFBox recognizes a new paragraph.
                        content.newLineAtOffset(0, -LEADING);
                    }
                    content.endText();
                }
            }
            return save(document);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Like {@link #text}, but opening it needs a user password. */
    public static byte[] encrypted(List<List<String>> pages) {
        try (PDDocument document = Loader.loadPDF(text("Confidential", pages))) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret",
                    new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            return save(document);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A scan: each page one image of "text", no text layer. */
    public static byte[] imageOnly(int pageCount) {
        try (PDDocument document = new PDDocument()) {
            BufferedImage image = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = image.createGraphics();
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, 400, 200);
            graphics.setColor(Color.BLACK);
            graphics.drawString("Scanned invoice 2024-117", 20, 40);
            graphics.dispose();
            PDImageXObject scan = LosslessFactory.createFromImage(document, image);
            for (int i = 0; i < pageCount; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.drawImage(scan, 72, 500);
                }
            }
            return save(document);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A PDF cut off after its first kilobyte, as an interrupted download leaves it. */
    public static byte[] truncated() {
        byte[] whole = text("Warranty and repairs", WARRANTY_PAGES);
        return Arrays.copyOf(whole, Math.min(whole.length, 1024));
    }

    private static List<String> wrap(String paragraph) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > WRAP) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }
}
