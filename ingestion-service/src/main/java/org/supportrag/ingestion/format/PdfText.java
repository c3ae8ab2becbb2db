package org.supportrag.ingestion.format;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jspecify.annotations.Nullable;

/**
 * The text layer of a PDF, page by page, with lines unwrapped into paragraphs.
 *
 * @param title the title from the document information, when it has a usable one
 * @param pages the text of each page in order (page {@code i + 1} at index {@code i}); blank for pages without text
 */
public record PdfText(@Nullable String title, List<String> pages) {

    public static final String CORRUPT = "corrupt PDF";
    public static final String ENCRYPTED = "encrypted PDF";
    public static final String NO_TEXT_LAYER = "no text layer (scanned PDF?)";
    public static final String NOT_A_PDF = "not a PDF file";
    public static final String TOO_MANY_PAGES = "PDF has too many pages";

    static final int MAX_PAGES = 2_000;

    private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t]*\\n\\s*");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*•▪◦‣–]\\s|\\d{1,3}[.)]\\s|[a-z][.)]\\s).*");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\u00A0]+");

    public PdfText {
        pages = List.copyOf(pages);
    }

    /**
     * @throws UnreadableFileException when the bytes are not a PDF, it is damaged or password protected, it has more
     *         pages than we process, or none of its pages has a text layer
     */
    public static PdfText extract(byte[] bytes) throws UnreadableFileException {
        if (!FileSignatures.isPdf(bytes)) {
            throw new UnreadableFileException(NOT_A_PDF);
        }
        try (PDDocument document = Loader.loadPDF(bytes)) {
            int pageCount = document.getNumberOfPages();
            if (pageCount > MAX_PAGES) {
                throw new UnreadableFileException(TOO_MANY_PAGES);
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setLineSeparator("\n");
            // A blank line after each paragraph PDFBox detects, so the splitter sees paragraph boundaries.
            stripper.setParagraphEnd("\n");
            List<String> pages = new ArrayList<>(pageCount);
            for (int page = 1; page <= pageCount; page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                pages.add(clean(stripper.getText(document)));
            }
            if (pages.stream().allMatch(String::isBlank)) {
                throw new UnreadableFileException(NO_TEXT_LAYER);
            }
            return new PdfText(title(document), pages);
        }
        catch (InvalidPasswordException ex) {
            throw new UnreadableFileException(ENCRYPTED, ex);
        }
        catch (IOException | RuntimeException ex) {
            // PDFBox reports damaged structure with IOExceptions and, for some damage, runtime exceptions.
            throw new UnreadableFileException(CORRUPT, ex);
        }
    }

    private static @Nullable String title(PDDocument document) {
        String title = document.getDocumentInformation().getTitle();
        if (title == null) {
            return null;
        }
        String cleaned = SPACES.matcher(clean(title)).replaceAll(" ").strip();
        // Producers often fill in the file name or a placeholder: those are no title.
        return cleaned.isEmpty() || cleaned.length() > 200 || cleaned.toLowerCase(Locale.ROOT).matches(".*\\.(pdf|docx?)|untitled.*")
                ? null : cleaned;
    }

    /** NFC, {@code \n} line endings, no NULs; lines wrapped inside a paragraph joined, list items kept apart. */
    static String clean(String raw) {
        String text = Normalizer.normalize(raw.replace("\r\n", "\n").replace('\r', '\n').replace('\0', ' '),
                Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder();
        for (String block : BLANK_LINES.split(text.strip())) {
            StringBuilder paragraph = new StringBuilder();
            for (String line : block.split("\n")) {
                String stripped = SPACES.matcher(line).replaceAll(" ").strip();
                if (stripped.isEmpty()) {
                    continue;
                }
                if (!paragraph.isEmpty()) {
                    paragraph.append(LIST_ITEM.matcher(stripped).matches() ? "\n" : " ");
                }
                paragraph.append(stripped);
            }
            if (!paragraph.isEmpty()) {
                if (!out.isEmpty()) {
                    out.append("\n\n");
                }
                out.append(paragraph);
            }
        }
        return out.toString();
    }
}
