package org.supportrag.ingestion.document;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

import org.apache.commons.codec.digest.DigestUtils;

/** Decoding and normalization of uploaded text, so equal content hashes equal however it was saved. */
final class TextContent {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private TextContent() {
    }

    /** Strict UTF-8: malformed input is an error, never silently replaced. */
    static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
    }

    /** Without a byte order mark, with {@code \n} line endings, in Unicode NFC. */
    static String normalize(String text) {
        String normalized = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
        normalized = normalized.replace("\r\n", "\n").replace('\r', '\n');
        return Normalizer.normalize(normalized, Normalizer.Form.NFC);
    }

    /** NUL never occurs in text files (and PostgreSQL text cannot store it): the file is binary. */
    static boolean looksBinary(String text) {
        return text.indexOf('\0') >= 0;
    }

    static String sha256Hex(String text) {
        return DigestUtils.sha256Hex(text);
    }
}
