package org.supportrag.ingestion.format;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.supportrag.defaults.privacy.PiiRedactor;
import org.supportrag.ingestion.chunking.Ticket;

/**
 * Reads ticket exports; every text is scrubbed of personal data and customer identifiers here, before anything is
 * stored, by the redactor generation's guardrails use too (names of the ticket's authors are removed wherever they
 * occur, e.g. "Hi Maya"). Accepted shapes:
 * <ul>
 * <li>the documented JSON schema: {@code {"tickets": [{"id", "subject", "status", "outcome", "tags": [],
 * "messages": [{"from": "customer"|"agent", "author", "body"}]}]}} (or the bare array);</li>
 * <li>Zendesk's ticket export JSON: tickets with {@code requester_id} and {@code comments} ({@code author_id},
 * {@code body}/{@code plain_body}, {@code public}), as {@code {"tickets": [...]}} or one ticket per line;
 * private comments (internal notes) are skipped;</li>
 * <li>the documented CSV: one row per message with columns {@code ticket_id, subject, status, outcome, tags, from,
 * author, body} (tags separated by {@code ;}).</li>
 * </ul>
 */
public final class TicketExports {

    static final String NOT_TICKETS = "not a ticket export";
    static final int MAX_TICKETS = 5_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PiiRedactor REDACTOR = new PiiRedactor();

    private TicketExports() {
    }

    public static List<Ticket> readJson(String content) throws UnreadableFileException {
        List<JsonNode> tickets = new ArrayList<>();
        try {
            JsonNode root = JSON.readTree(content);
            JsonNode list = root.isArray() ? root : root.path("tickets");
            if (list.isArray()) {
                list.forEach(tickets::add);
            }
            else if (root.isObject() && root.has("id")) {
                tickets.add(root);
            }
        }
        catch (JacksonException ex) {
            // Zendesk's exports are often JSON Lines: one ticket object per line.
            for (String line : content.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    tickets.add(JSON.readTree(line));
                }
                catch (JacksonException lineError) {
                    throw new UnreadableFileException("invalid JSON");
                }
            }
        }
        if (tickets.isEmpty()) {
            throw new UnreadableFileException(NOT_TICKETS);
        }
        if (tickets.size() > MAX_TICKETS) {
            throw new UnreadableFileException("too many tickets (at most " + MAX_TICKETS + " per file)");
        }
        List<Ticket> result = new ArrayList<>();
        for (JsonNode node : tickets) {
            if (!node.isObject() || !node.has("id")) {
                throw new UnreadableFileException(NOT_TICKETS);
            }
            result.add(node.has("comments") ? zendesk(node) : documented(node));
        }
        return result;
    }

    private static Ticket documented(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (JsonNode message : node.path("messages")) {
            String author = textOrNull(message.path("author"));
            if (author != null) {
                names.add(author);
            }
        }
        List<Ticket.Message> messages = new ArrayList<>();
        for (JsonNode message : node.path("messages")) {
            String from = message.path("from").asString("customer").toLowerCase(Locale.ROOT);
            String author = textOrNull(message.path("author"));
            messages.add(new Ticket.Message(!from.equals("agent") && !from.equals("support"),
                    author == null ? null : scrub(author, names), scrub(message.path("body").asString(""), names)));
        }
        String status = textOrNull(node.path("status"));
        String outcome = textOrNull(node.path("outcome"));
        return new Ticket(node.path("id").asString(), scrub(node.path("subject").asString(""), names), status,
                outcome != null ? outcome : outcomeOf(status), strings(node.path("tags")), messages);
    }

    private static Ticket zendesk(JsonNode node) {
        String requester = node.path("requester_id").asString("");
        List<Ticket.Message> messages = new ArrayList<>();
        for (JsonNode comment : node.path("comments")) {
            if (comment.has("public") && !comment.path("public").asBoolean(true)) {
                continue;
            }
            String body = comment.has("plain_body") ? comment.path("plain_body").asString("")
                    : comment.path("body").asString("");
            boolean customer = requester.isEmpty() || requester.equals(comment.path("author_id").asString(""));
            messages.add(new Ticket.Message(customer, null, scrub(body, List.of())));
        }
        if (messages.isEmpty() && node.has("description")) {
            messages.add(new Ticket.Message(true, null, scrub(node.path("description").asString(""), List.of())));
        }
        String status = textOrNull(node.path("status"));
        return new Ticket(node.path("id").asString(), scrub(node.path("subject").asString(""), List.of()), status,
                outcomeOf(status), strings(node.path("tags")), messages);
    }

    public static List<Ticket> readCsv(String content) throws UnreadableFileException {
        Map<String, List<CSVRecord>> byTicket = new LinkedHashMap<>();
        try {
            for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .get()
                .parse(new StringReader(content))) {
                if (!record.isMapped("ticket_id") || !record.isMapped("body")) {
                    throw new UnreadableFileException(NOT_TICKETS + " (needs columns ticket_id and body)");
                }
                byTicket.computeIfAbsent(record.get("ticket_id"), id -> new ArrayList<>()).add(record);
                if (byTicket.size() > MAX_TICKETS) {
                    throw new UnreadableFileException("too many tickets (at most " + MAX_TICKETS + " per file)");
                }
            }
        }
        catch (IOException | IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException ex) {
            throw new UnreadableFileException("invalid CSV");
        }
        if (byTicket.isEmpty()) {
            throw new UnreadableFileException(NOT_TICKETS);
        }
        List<Ticket> tickets = new ArrayList<>();
        for (Map.Entry<String, List<CSVRecord>> entry : byTicket.entrySet()) {
            CSVRecord first = entry.getValue().getFirst();
            String status = column(first, "status");
            String outcome = column(first, "outcome");
            String tags = column(first, "tags");
            List<String> names = new ArrayList<>();
            for (CSVRecord record : entry.getValue()) {
                String author = column(record, "author");
                if (author != null) {
                    names.add(author);
                }
            }
            List<Ticket.Message> messages = new ArrayList<>();
            for (CSVRecord record : entry.getValue()) {
                String from = String.valueOf(column(record, "from")).toLowerCase(Locale.ROOT);
                String author = column(record, "author");
                messages.add(new Ticket.Message(!from.equals("agent") && !from.equals("support"),
                        author == null ? null : scrub(author, names), scrub(record.get("body"), names)));
            }
            tickets.add(new Ticket(entry.getKey(), scrub(String.valueOf(column(first, "subject")), names), status,
                    outcome != null ? outcome : outcomeOf(status),
                    tags == null ? List.of() : List.of(tags.split("\\s*;\\s*")), messages));
        }
        return tickets;
    }

    /** Solved and closed tickets were resolved; anything else is still open as far as the export knows. */
    static String outcomeOf(@Nullable String status) {
        if (status == null) {
            return "unknown";
        }
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "solved", "closed", "resolved" -> "resolved";
            default -> "open";
        };
    }

    private static @Nullable String column(CSVRecord record, String name) {
        if (!record.isMapped(name) || !record.isSet(name)) {
            return null;
        }
        String value = record.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static @Nullable String textOrNull(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.asString("").isBlank() ? null : node.asString();
    }

    static String scrub(String text, List<String> names) {
        return REDACTOR.scrub(text, names).text();
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asString()));
        return values;
    }
}
