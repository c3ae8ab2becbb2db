package org.supportrag.ingestion.format;

/** The readers of office documents, read straight from their XML (no Apache POI: tens of megabytes). */
public final class OfficeReaders {

    public static final DocumentReader DOCX = new DocxReader();
    public static final DocumentReader ODT = new OdtReader();
    public static final DocumentReader PPTX = new PptxReader();
    public static final DocumentReader XLSX = new XlsxReader();

    private OfficeReaders() {
    }
}
