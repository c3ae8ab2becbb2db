package org.supportrag.ingestion.format;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Magic-byte sniffing, so a file's extension is checked against what it really is. */
public final class FileSignatures {

    /** The PDF header may follow some leading garbage; readers look for it within the first kilobyte. */
    private static final int PDF_HEADER_WINDOW = 1024;
    private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    private static final List<byte[]> BINARY_SIGNATURES = List.of(PDF_HEADER,
            new byte[] { 'P', 'K', 3, 4 }, // zip, and so DOCX/XLSX/PPTX/ODT
            new byte[] { (byte) 0x89, 'P', 'N', 'G' }, new byte[] { 'G', 'I', 'F', '8' },
            new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF }, // JPEG
            new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0 }, // legacy Office (OLE2)
            new byte[] { 0x1F, (byte) 0x8B }); // gzip

    private FileSignatures() {
    }

    public static boolean isPdf(byte[] bytes) {
        return indexOf(bytes, PDF_HEADER, PDF_HEADER_WINDOW) >= 0;
    }

    /** Starts like a known binary format: such a file is not text whatever its extension says. */
    public static boolean looksBinary(byte[] bytes) {
        for (byte[] signature : BINARY_SIGNATURES) {
            if (startsWith(bytes, signature)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return indexOf(bytes, prefix, prefix.length) == 0;
    }

    private static int indexOf(byte[] bytes, byte[] needle, int window) {
        int last = Math.min(bytes.length, window) - needle.length;
        outer: for (int i = 0; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
