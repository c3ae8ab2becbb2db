package org.supportrag.ingestion.format;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EmailTextTests {

    /** A customer reply as a mail client saves it: multipart/alternative plus an attachment, encoded headers. */
    static final String REPLY = """
            Return-Path: <jane.doe@example.com>
            From: "Jane Doe" <jane.doe@example.com>
            To: Acme Support <support@acme.test>
            Subject: =?UTF-8?Q?Re:_Refund_for_order_#4411_=E2=80=93_damaged?=
            Date: Tue, 4 Mar 2025 09:12:44 +0100
            Message-ID: <20250304091244.4411@example.com>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: multipart/alternative; boundary="inner"

            --inner
            Content-Type: text/plain; charset=UTF-8
            Content-Transfer-Encoding: quoted-printable

            Hi,

            the kettle arrived with a cracked lid. I'd like a refund rather than a repla=
            cement, please.
            # of boxes received: 1

            > On 3 March, Acme Support wrote:
            > Please send us a photo of the damage.
            --inner
            Content-Type: text/html; charset=UTF-8

            <p>Hi,</p><p>the kettle arrived with a <b>cracked lid</b>.</p>
            --inner--

            --outer
            Content-Type: image/jpeg; name="lid.jpg"
            Content-Disposition: attachment; filename="lid.jpg"
            Content-Transfer-Encoding: base64

            /9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=
            --outer--
            """.replace("\n", "\r\n");

    @Test
    void rendersSubjectSenderDateAndThePlainTextBodyWithoutAddresses() throws Exception {
        String markdown = EmailText.toMarkdown(REPLY.getBytes(StandardCharsets.US_ASCII));

        assertThat(markdown).startsWith("""
                # Re: Refund for order #4411 – damaged

                From: Jane Doe
                To: Acme Support
                Date: Tue, 4 Mar 2025 09:12:44 +0100

                Hi,

                the kettle arrived with a cracked lid. I'd like a refund rather than a replacement, please.
                \\# of boxes received: 1

                > On 3 March, Acme Support wrote:
                > Please send us a photo of the damage.
                """)
            .endsWith("\nAttachments: lid.jpg\n")
            .doesNotContain("jane.doe@example.com", "support@acme.test", "/9j/4AAQ", "<b>");
    }

    @Test
    void fallsBackToTheHtmlBodyWithItsHeadingsBelowTheSubject() throws Exception {
        String html = """
                From: Acme Billing <billing@acme.test>
                Subject: Your invoice
                Content-Type: text/html; charset=UTF-8

                <html><body><h1>Invoice 2025-03</h1><p>Amount due: 49 EUR.</p></body></html>
                """;

        assertThat(EmailText.toMarkdown(html.getBytes(StandardCharsets.UTF_8)))
            .isEqualTo("# Your invoice\n\nFrom: Acme Billing\n\n## Invoice 2025-03\n\nAmount due: 49 EUR.\n");
    }

    @Test
    void rejectsAFileThatIsNoMessage() {
        assertThatExceptionOfType(UnreadableFileException.class)
            .isThrownBy(() -> EmailText.toMarkdown("just a note\nwith two lines\n".getBytes(StandardCharsets.UTF_8)))
            .withMessage(EmailText.NOT_EMAIL);
        assertThatExceptionOfType(UnreadableFileException.class)
            .isThrownBy(() -> EmailText.toMarkdown(TestPdfs.text("Manual", TestPdfs.WARRANTY_PAGES)))
            .withMessage(EmailText.NOT_EMAIL);
    }
}
