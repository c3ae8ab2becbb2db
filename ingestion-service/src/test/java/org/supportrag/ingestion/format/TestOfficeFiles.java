package org.supportrag.ingestion.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** DOCX and ODT packages as word processors write them: the parts a reader needs, XML as Word and LibreOffice emit it. */
public final class TestOfficeFiles {

    /** A DOCX with a title, headings, a numbered list, a table and a line starting with '#'. */
    public static final String DOCUMENT_XML = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
              <w:body>
                <w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Travel expense policy</w:t></w:r></w:p>
                <w:p><w:r><w:t xml:space="preserve">Employees are reimbursed for </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>reasonable</w:t></w:r><w:r><w:t xml:space="preserve"> costs of business travel.</w:t></w:r></w:p>
                <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Flights</w:t></w:r></w:p>
                <w:p><w:r><w:t>Book economy class for flights under six hours.</w:t></w:r></w:p>
                <w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Booking steps</w:t></w:r></w:p>
                <w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Open the travel portal.</w:t></w:r></w:p>
                <w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Attach the approval e-mail.</w:t></w:r></w:p>
                <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Daily allowance</w:t></w:r></w:p>
                <w:tbl>
                  <w:tr><w:tc><w:p><w:r><w:t>Country</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Per day</w:t></w:r></w:p></w:tc></w:tr>
                  <w:tr><w:tc><w:p><w:r><w:t>Germany</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>28 EUR</w:t></w:r></w:p><w:p><w:r><w:t>(14 EUR half day)</w:t></w:r></w:p></w:tc></w:tr>
                </w:tbl>
                <w:p><w:r><w:t># of nights</w:t></w:r><w:r><w:tab/><w:t>counts from check-in.</w:t></w:r></w:p>
                <w:sectPr/>
              </w:body>
            </w:document>
            """;

    public static final String CONTENT_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
                xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">
              <office:automatic-styles/>
              <office:body>
                <office:text>
                  <text:h text:style-name="Heading_20_1" text:outline-level="1">Travel expense policy</text:h>
                  <text:p text:style-name="Text_20_body">Employees are reimbursed for<text:s/><text:span text:style-name="T1">reasonable</text:span> costs.</text:p>
                  <text:h text:outline-level="2">Booking steps</text:h>
                  <text:list><text:list-item><text:p>Open the travel portal.</text:p></text:list-item>
                    <text:list-item><text:p>Attach the approval e-mail.</text:p></text:list-item></text:list>
                  <table:table table:name="Allowance">
                    <table:table-column/>
                    <table:table-row><table:table-cell><text:p>Country</text:p></table:table-cell><table:table-cell><text:p>Per day</text:p></table:table-cell></table:table-row>
                    <table:table-row><table:table-cell><text:p>Germany</text:p></table:table-cell><table:table-cell><text:p>28 EUR</text:p></table:table-cell></table:table-row>
                  </table:table>
                </office:text>
              </office:body>
            </office:document-content>
            """;

    private TestOfficeFiles() {
    }

    public static byte[] docx(String documentXml) {
        return zip(Map.of("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                  <Default Extension="xml" ContentType="application/xml"/>
                  <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                </Types>
                """, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
                </Relationships>
                """, "word/document.xml", documentXml));
    }

    public static byte[] odt(String contentXml) {
        return zip(Map.of("mimetype", "application/vnd.oasis.opendocument.text", "content.xml", contentXml,
                "META-INF/manifest.xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
                          <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
                          <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                        </manifest:manifest>
                        """));
    }

    public static byte[] zip(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }
}
