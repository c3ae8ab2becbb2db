package org.supportrag.ingestion.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The zip container of office documents (DOCX, ODT, PPTX, XLSX): entries read with a size cap whatever their headers
 * claim, and their XML parsed without DTDs or external entities.
 */
final class OfficeZip {

    static final String TOO_LARGE = "document too large when uncompressed";

    /** Upper bound on the uncompressed XML read, against zip bombs. */
    static final int MAX_XML_BYTES = 64 * 1024 * 1024;

    private static final XMLInputFactory XML = xmlFactory();

    private OfficeZip() {
    }

    static boolean isZip(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    /** Reads a document from its XML. */
    @FunctionalInterface
    interface XmlParser {
        String parse(XMLStreamReader xml) throws XMLStreamException;
    }

    /** The text of a document kept in one XML entry; anything unreadable fails as not this kind. */
    static String parseEntry(byte[] bytes, String name, String notThisKind, XmlParser parser)
            throws UnreadableFileException {
        byte[] xml = entry(bytes, name, notThisKind);
        try {
            return parser.parse(xml(xml));
        }
        catch (XMLStreamException | RuntimeException ex) {
            throw new UnreadableFileException(notThisKind, ex);
        }
    }

    /** One entry of the zip container. */
    static byte[] entry(byte[] bytes, String name, String notThisKind) throws UnreadableFileException {
        if (!isZip(bytes)) {
            throw new UnreadableFileException(notThisKind);
        }
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(name)) {
                    return readCapped(zip);
                }
            }
        }
        catch (IOException | IllegalArgumentException ex) {
            throw new UnreadableFileException(notThisKind, ex);
        }
        throw new UnreadableFileException(notThisKind);
    }

    /**
     * Hands every entry whose name {@code wanted} accepts to {@code each}, all of them together capped at
     * {@link #MAX_XML_BYTES}.
     */
    static void entries(byte[] bytes, Predicate<String> wanted, BiConsumer<String, byte[]> each, String notThisKind)
            throws UnreadableFileException {
        if (!isZip(bytes)) {
            throw new UnreadableFileException(notThisKind);
        }
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (wanted.test(entry.getName())) {
                    byte[] xml = readCapped(zip);
                    total += xml.length;
                    if (total > MAX_XML_BYTES) {
                        throw new UnreadableFileException(TOO_LARGE);
                    }
                    each.accept(entry.getName(), xml);
                }
            }
        }
        catch (IOException | IllegalArgumentException ex) {
            throw new UnreadableFileException(notThisKind, ex);
        }
    }

    static XMLStreamReader xml(byte[] xml) throws XMLStreamException {
        return XML.createXMLStreamReader(new ByteArrayInputStream(xml));
    }

    private static byte[] readCapped(InputStream in) throws IOException, UnreadableFileException {
        byte[] data = in.readNBytes(MAX_XML_BYTES + 1);
        if (data.length > MAX_XML_BYTES) {
            throw new UnreadableFileException(TOO_LARGE);
        }
        return data;
    }

    private static XMLInputFactory xmlFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // Untrusted XML: no DTDs, no external entities.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
