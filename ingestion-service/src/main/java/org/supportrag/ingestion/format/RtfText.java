package org.supportrag.ingestion.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.swing.text.BadLocationException;
import javax.swing.text.DefaultStyledDocument;
import javax.swing.text.rtf.RTFEditorKit;

/** The text of an RTF document, paragraph per line, read with the JDK's own RTF reader. */
public final class RtfText {

    public static final String NOT_RTF = "not an RTF file";

    private static final byte[] HEADER = "{\\rtf".getBytes(StandardCharsets.US_ASCII);

    private RtfText() {
    }

    public static String toText(byte[] bytes) throws UnreadableFileException {
        if (bytes.length < HEADER.length || !Arrays.equals(bytes, 0, HEADER.length, HEADER, 0, HEADER.length)) {
            throw new UnreadableFileException(NOT_RTF);
        }
        try {
            DefaultStyledDocument document = new DefaultStyledDocument();
            new RTFEditorKit().read(new ByteArrayInputStream(bytes), document, 0);
            // Paragraphs become blank-line separated, as the plain text chunker expects.
            return document.getText(0, document.getLength()).replace("\n", "\n\n").replace('\0', ' ');
        }
        catch (IOException | BadLocationException | RuntimeException ex) {
            throw new UnreadableFileException(NOT_RTF, ex);
        }
    }
}
