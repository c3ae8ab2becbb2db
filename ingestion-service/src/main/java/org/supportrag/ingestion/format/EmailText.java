package org.supportrag.ingestion.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.jspecify.annotations.Nullable;

/**
 * An e-mail message ({@code .eml}, RFC 5322 with MIME) as Markdown: the subject as title, sender, recipients and date,
 * then the body, the plain-text alternative preferred over HTML. Addresses are reduced to display names (an address
 * only says who to reply to, and is personal data). Attachments are listed by name, not indexed.
 */
public final class EmailText {

    public static final String NOT_EMAIL = "not an e-mail message";

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Pattern MARKDOWN_BLOCK_START = Pattern.compile("^(\\s{0,3})(#|`{3}|~{3})", Pattern.MULTILINE);
    private static final int MAX_PARTS = 200;

    private EmailText() {
    }

    public static String toMarkdown(byte[] bytes) throws UnreadableFileException {
        if (FileSignatures.looksBinary(bytes)) {
            throw new UnreadableFileException(NOT_EMAIL);
        }
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
            String subject = message.getSubject();
            if (message.getHeader("From") == null && subject == null && message.getHeader("Date") == null) {
                throw new UnreadableFileException(NOT_EMAIL);
            }
            Body body = new Body();
            body.collect(message, 0);
            StringBuilder markdown = new StringBuilder();
            markdown.append("# ").append(subject == null || subject.isBlank() ? "(no subject)" : oneLine(subject)).append("\n\n");
            appendHeader(markdown, "From", names(message.getFrom()));
            appendHeader(markdown, "To", names(message.getRecipients(MimeMessage.RecipientType.TO)));
            appendHeader(markdown, "Cc", names(message.getRecipients(MimeMessage.RecipientType.CC)));
            String date = message.getHeader("Date", null);
            appendHeader(markdown, "Date", date == null ? "" : oneLine(date));
            String text = body.text();
            if (!text.isBlank()) {
                markdown.append('\n').append(text.strip()).append('\n');
            }
            if (!body.attachments.isEmpty()) {
                markdown.append("\nAttachments: ").append(String.join(", ", body.attachments)).append('\n');
            }
            return markdown.toString();
        }
        catch (MessagingException | IOException | RuntimeException ex) {
            throw new UnreadableFileException(NOT_EMAIL, ex);
        }
    }

    /** The parts of a message worth indexing, walked depth first. */
    private static final class Body {

        private @Nullable String plain;
        private @Nullable String html;
        private final List<String> attachments = new ArrayList<>();
        private int parts;

        void collect(Part part, int depth) throws MessagingException, IOException, UnreadableFileException {
            if (++parts > MAX_PARTS || depth > 10) {
                return;
            }
            String disposition = part.getDisposition();
            String fileName = part.getFileName();
            if (Part.ATTACHMENT.equalsIgnoreCase(disposition) || fileName != null && !part.isMimeType("multipart/*")) {
                if (fileName != null) {
                    attachments.add(oneLine(MimeUtility.decodeText(fileName)));
                }
                return;
            }
            if (part.isMimeType("text/plain") && plain == null) {
                plain = content(part);
            }
            else if (part.isMimeType("text/html") && html == null) {
                html = content(part);
            }
            else if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    collect(child, depth + 1);
                }
            }
            else if (part.isMimeType("message/rfc822") && part.getContent() instanceof MimeMessage forwarded) {
                collect(forwarded, depth + 1);
            }
        }

        String text() throws UnreadableFileException {
            if (plain != null && !plain.isBlank()) {
                // Plain text is not Markdown: lines that would read as headings or fences are escaped.
                return MARKDOWN_BLOCK_START.matcher(plain.replace("\r\n", "\n")).replaceAll("$1\\\\$2");
            }
            if (html != null) {
                String markdown = HtmlText.toMarkdown(html.getBytes(StandardCharsets.UTF_8));
                // The HTML body's own headings sit below the subject.
                return markdown.replaceAll("(?m)^(#{1,5}) ", "#$1 ");
            }
            return "";
        }

        private static String content(Part part) throws MessagingException, IOException {
            Object content = part.getContent();
            return content instanceof String text ? text : "";
        }
    }

    private static void appendHeader(StringBuilder markdown, String name, String value) {
        if (!value.isBlank()) {
            markdown.append(name).append(": ").append(value).append('\n');
        }
    }

    private static String names(Address @Nullable [] addresses) {
        if (addresses == null) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (Address address : addresses) {
            if (address instanceof InternetAddress internet && internet.getPersonal() != null
                    && !internet.getPersonal().isBlank()) {
                names.add(oneLine(internet.getPersonal()));
            }
        }
        return String.join(", ", names);
    }

    private static String oneLine(String value) {
        return value.replaceAll("\\s+", " ").strip();
    }
}
