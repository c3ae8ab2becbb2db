package org.supportrag.ingestion.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OfficeReadersTests {

    @Test
    void readsADocxWithHeadingsListsAndTablesAsMarkdown() throws Exception {
        assertThat(new DocxReader().read(TestOfficeFiles.docx(TestOfficeFiles.DOCUMENT_XML))).isEqualTo("""
                # Travel expense policy

                Employees are reimbursed for reasonable costs of business travel.

                # Flights

                Book economy class for flights under six hours.

                ## Booking steps

                - Open the travel portal.
                - Attach the approval e-mail.

                # Daily allowance

                | Country | Per day |
                | --- | --- |
                | Germany | 28 EUR (14 EUR half day) |

                \\# of nights counts from check-in.
                """);
    }

    @Test
    void readsAnOdtWithHeadingsListsAndTablesAsMarkdown() throws Exception {
        assertThat(new OdtReader().read(TestOfficeFiles.odt(TestOfficeFiles.CONTENT_XML))).isEqualTo("""
                # Travel expense policy

                Employees are reimbursed for reasonable costs.

                ## Booking steps

                - Open the travel portal.
                - Attach the approval e-mail.

                | Country | Per day |
                | --- | --- |
                | Germany | 28 EUR |
                """);
    }

    @Test
    void rejectsFilesThatAreNotTheirKind() {
        assertThatExceptionOfType(UnreadableFileException.class)
            .isThrownBy(() -> new DocxReader().read("plain text".getBytes(StandardCharsets.UTF_8)))
            .withMessage(DocxReader.NOT_DOCX);
        assertThatExceptionOfType(UnreadableFileException.class)
            .isThrownBy(() -> new DocxReader().read(TestOfficeFiles.odt(TestOfficeFiles.CONTENT_XML)))
            .withMessage(DocxReader.NOT_DOCX);
        assertThatExceptionOfType(UnreadableFileException.class)
            .isThrownBy(() -> new OdtReader().read(TestOfficeFiles.docx(TestOfficeFiles.DOCUMENT_XML)))
            .withMessage(OdtReader.NOT_ODT);
        assertThatExceptionOfType(UnreadableFileException.class)
            .isThrownBy(() -> new DocxReader().read(TestOfficeFiles.docx("<w:document><unclosed")))
            .withMessage(DocxReader.NOT_DOCX);
    }

    @Test
    void refusesXmlWithEntityDeclarations() {
        String billionLaughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
                <w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>
                """;

        assertThatExceptionOfType(UnreadableFileException.class)
            .isThrownBy(() -> new DocxReader().read(TestOfficeFiles.docx(billionLaughs)))
            .withMessage(DocxReader.NOT_DOCX);
    }

    @Test
    void stopsReadingAZipBombAtTheSizeLimit() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] spaces = new byte[1024 * 1024];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i <= OfficeZip.MAX_XML_BYTES / spaces.length; i++) {
                zip.write(spaces);
            }
            zip.closeEntry();
        }
        assertThat(bytes.size()).isLessThan(1024 * 1024);

        assertThatExceptionOfType(UnreadableFileException.class)
            .isThrownBy(() -> new DocxReader().read(bytes.toByteArray()))
            .withMessage(OfficeZip.TOO_LARGE);
    }

    @Test
    void readsASlideDeckSlideBySlideInSlideNumberOrder() throws Exception {
        byte[] pptx = TestOfficeFiles.zip(Map.of("[Content_Types].xml", "<Types/>",
                "ppt/slides/slide1.xml", slide("ctrTitle", "Onboarding new customers", "Week one checklist"),
                "ppt/slides/slide2.xml", slide("title", "Kick-off call", "Agree on goals and owners"),
                "ppt/slides/slide10.xml", slide("title", "Questions?", "support@acme.test")));

        assertThat(new PptxReader().read(pptx)).isEqualTo("""
                # Onboarding new customers

                Week one checklist

                ## Slide 2: Kick-off call

                Agree on goals and owners

                ## Slide 3: Questions?

                support@acme.test
                """);
        assertThatExceptionOfType(UnreadableFileException.class)
            .isThrownBy(() -> new PptxReader().read(TestOfficeFiles.docx(TestOfficeFiles.DOCUMENT_XML)))
            .withMessage(PptxReader.NOT_PPTX);
    }

    @Test
    void readsAWorkbookSheetBySheetAsTables() throws Exception {
        String shared = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
                  <si><t>Plan</t></si><si><t>Seats</t></si><si><t>Price | month</t></si><si><r><t>Team</t></r><r><t xml:space="preserve"> plus</t></r></si>
                </sst>
                """;
        String sheet = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
                  <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
                  <row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>10</v></c><c r="C2"><f>B2*9</f><v>90</v></c></row>
                  <row r="3"><c r="A3" t="inlineStr"><is><t>Solo</t></is></c><c r="C3"><v>12</v></c></row>
                </sheetData></worksheet>
                """;
        byte[] xlsx = TestOfficeFiles.zip(Map.of("[Content_Types].xml", "<Types/>", "xl/sharedStrings.xml", shared,
                "xl/worksheets/sheet1.xml", sheet));

        assertThat(new XlsxReader().read(xlsx)).isEqualTo("""
                ## Sheet 1

                | Plan | Seats | Price \\| month |
                | --- | --- | --- |
                | Team plus | 10 | 90 |
                | Solo |  | 12 |
                """);
        assertThatExceptionOfType(UnreadableFileException.class)
            .isThrownBy(() -> new XlsxReader().read(TestOfficeFiles.odt(TestOfficeFiles.CONTENT_XML)))
            .withMessage(XlsxReader.NOT_XLSX);
    }

    /** A slide as PowerPoint writes it: a title placeholder shape and a body shape. */
    private static String slide(String titleType, String title, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
                    xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">
                  <p:cSld><p:spTree>
                    <p:sp><p:nvSpPr><p:cNvPr id="2" name="Title 1"/><p:cNvSpPr/><p:nvPr><p:ph type="%s"/></p:nvPr></p:nvSpPr>
                      <p:txBody><a:bodyPr/><a:p><a:r><a:rPr lang="en-US"/><a:t>%s</a:t></a:r></a:p></p:txBody></p:sp>
                    <p:sp><p:nvSpPr><p:cNvPr id="3" name="Content 2"/><p:cNvSpPr/><p:nvPr><p:ph idx="1"/></p:nvPr></p:nvSpPr>
                      <p:txBody><a:bodyPr/><a:p><a:r><a:t>%s</a:t></a:r></a:p></p:txBody></p:sp>
                  </p:spTree></p:cSld>
                </p:sld>
                """.formatted(titleType, title, body);
    }
}
