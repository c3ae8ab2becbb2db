package org.supportrag.ingestion.format;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RtfTextTests {

    /** As WordPad saves it: font table, formatting runs, an escaped non-ASCII character. */
    static final String WORDPAD = """
            {\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fnil\\fcharset0 Calibri;}}
            \\viewkind4\\uc1\\pard\\sa200\\sl276\\slmult1\\b\\f0\\fs28 Returns policy\\b0\\fs22\\par
            Items can be returned within \\b 30 days\\b0  of delivery for a full refund.\\par
            Caf\\'e9 vouchers are not refundable.\\par
            }
            """;

    @Test
    void readsTheParagraphsOfAnRtfDocument() throws Exception {
        assertThat(RtfText.toText(WORDPAD.getBytes(StandardCharsets.US_ASCII)).strip()).isEqualTo("""
                Returns policy

                Items can be returned within 30 days of delivery for a full refund.

                Café vouchers are not refundable.""");
    }

    @Test
    void rejectsAFileWithoutTheRtfHeader() {
        assertThatExceptionOfType(UnreadableFileException.class)
            .isThrownBy(() -> RtfText.toText("Returns policy".getBytes(StandardCharsets.UTF_8)))
            .withMessage(RtfText.NOT_RTF);
    }
}
