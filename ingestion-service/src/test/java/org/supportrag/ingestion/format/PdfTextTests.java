package org.supportrag.ingestion.format;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PdfTextTests {

    @Test
    void extractsTheTextOfEachPageWithWrappedLinesJoinedIntoParagraphs() throws Exception {
        PdfText pdf = PdfText.extract(TestPdfs.text("Warranty and repairs", TestPdfs.WARRANTY_PAGES));

        assertThat(pdf.title()).isEqualTo("Warranty and repairs");
        assertThat(pdf.pages()).hasSize(2);
        assertThat(pdf.pages().get(0)).startsWith("Warranty and repairs\n\nEvery device we sell carries a two-year")
            .contains("The warranty covers manufacturing defects in materials and workmanship under normal use.\n\n"
                    + "Accidental damage")
            .doesNotContain("Request repair");
        assertThat(pdf.pages().get(1)).startsWith("To start a repair, open Orders")
            .contains("within one business day.\n\nRepairs under warranty are free of charge")
            .doesNotContain("two-year");
    }

    @Test
    void ignoresAFileNameOrPlaceholderAsTheTitle() throws Exception {
        assertThat(PdfText.extract(TestPdfs.text("scan_0042.pdf", TestPdfs.WARRANTY_PAGES)).title()).isNull();
        assertThat(PdfText.extract(TestPdfs.text("Untitled document", TestPdfs.WARRANTY_PAGES)).title()).isNull();
    }

    @Test
    void keepsListItemsOnTheirOwnLines() {
        assertThat(PdfText.clean("To reset it:\n1. Open Settings\n2. Choose Security\nand then\nconfirm."))
            .isEqualTo("To reset it:\n1. Open Settings\n2. Choose Security and then confirm.");
    }

    @Test
    void rejectsAFileThatIsNotAPdf() {
        assertThatExceptionOfType(UnreadableFileException.class)
            .isThrownBy(() -> PdfText.extract("Just some text saved as .pdf".getBytes(StandardCharsets.UTF_8)))
            .withMessage(PdfText.NOT_A_PDF);
    }

    @Test
    void rejectsACorruptPdf() {
        byte[] garbage = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nthis is not a PDF body at all\n%%EOF"
            .getBytes(StandardCharsets.US_ASCII);

        assertThatExceptionOfType(UnreadableFileException.class).isThrownBy(() -> PdfText.extract(garbage))
            .withMessage(PdfText.CORRUPT);
    }

    @Test
    void rejectsATruncatedPdf() {
        assertThatExceptionOfType(UnreadableFileException.class).isThrownBy(() -> PdfText.extract(TestPdfs.truncated()))
            .withMessage(PdfText.CORRUPT);
    }

    @Test
    void rejectsAPasswordProtectedPdf() {
        assertThatExceptionOfType(UnreadableFileException.class)
            .isThrownBy(() -> PdfText.extract(TestPdfs.encrypted(TestPdfs.WARRANTY_PAGES)))
            .withMessage(PdfText.ENCRYPTED);
    }

    @Test
    void rejectsAScannedPdfWithoutATextLayer() {
        assertThatExceptionOfType(UnreadableFileException.class).isThrownBy(() -> PdfText.extract(TestPdfs.imageOnly(2)))
            .withMessage("no text layer (scanned PDF?)");
    }

    @Test
    void keepsBlankPagesSoPageNumbersStayRight() throws Exception {
        PdfText pdf = PdfText.extract(TestPdfs.text("Manual", List.of(List.of("Cover page"), List.of(),
                List.of("Chapter one starts on the third page."))));

        assertThat(pdf.pages()).containsExactly("Cover page", "", "Chapter one starts on the third page.");
    }
}
