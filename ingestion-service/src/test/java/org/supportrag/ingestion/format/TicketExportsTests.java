package org.supportrag.ingestion.format;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.supportrag.ingestion.chunking.Ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketExportsTests {

    @Test
    void readsTheDocumentedJsonSchemaAndScrubsPersonalData() throws Exception {
        List<Ticket> tickets = TicketExports.readJson("""
                {"tickets": [{"id": "PCL-1006", "subject": "USPS void refund missing", "status": "solved",
                  "outcome": "resolved", "tags": ["usps", "refund"],
                  "messages": [
                    {"from": "customer", "author": "Lee <lee@example.com>", "body": "I voided a label 3 weeks ago. Call +1 415 555 0100."},
                    {"from": "agent", "author": "Sam", "body": "USPS refunds voided labels after 15 to 21 days."}]}]}
                """);

        assertThat(tickets).singleElement().satisfies(ticket -> {
            assertThat(ticket.id()).isEqualTo("PCL-1006");
            assertThat(ticket.outcome()).isEqualTo("resolved");
            assertThat(ticket.tags()).containsExactly("usps", "refund");
            assertThat(ticket.messages()).hasSize(2);
            assertThat(ticket.messages().get(0).fromCustomer()).isTrue();
            assertThat(ticket.messages().get(0).author()).isEqualTo("[name] <[email]>");
            assertThat(ticket.messages().get(0).body()).isEqualTo("I voided a label 3 weeks ago. Call [phone].");
            assertThat(ticket.messages().get(1).fromCustomer()).isFalse();
        });
    }

    @Test
    void scrubsTheDemoTicketsOfInvoiceNumbersAddressesAndTheNamesOfEveryoneInvolved() throws Exception {
        String export = java.nio.file.Files.readString(demoTickets());

        List<Ticket> tickets = TicketExports.readJson(export);

        String all = String.join("\n", tickets.stream()
            .flatMap(ticket -> ticket.messages().stream().map(Ticket.Message::body))
            .toList());
        assertThat(all).doesNotContain("PCL-2025-001873", "PCL-2025-001902", "sophie.brandt@example.com", "Sophie",
                "Maya", "Okafor", "Jonas Eriksen")
            .contains("Hi [name], no problem at all", "invoice [invoice]", "14-day money-back guarantee",
                    "Settings → Billing → Invoices");
    }

    static java.nio.file.Path demoTickets() {
        java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath();
        while (!java.nio.file.Files.isDirectory(dir.resolve("demo-kb"))) {
            dir = dir.getParent();
        }
        return dir.resolve("demo-kb/tickets/parcelly-tickets.json");
    }

    @Test
    void readsZendeskTicketExportsSkippingPrivateNotes() throws Exception {
        String zendesk = String.join("\n",
                "{\"id\": 35436, \"subject\": \"Webhook endpoint disabled\", \"status\": \"closed\", \"requester_id\": 20978392, "
                        + "\"tags\": [\"webhooks\"], \"comments\": ["
                        + "{\"id\": 1, \"author_id\": 20978392, \"public\": true, \"body\": \"Our webhook stopped firing since Monday.\"},"
                        + "{\"id\": 2, \"author_id\": 800, \"public\": false, \"body\": \"Internal: customer is on the legacy plan.\"},"
                        + "{\"id\": 3, \"author_id\": 800, \"public\": true, \"plain_body\": \"Endpoints are disabled after 100 failed "
                        + "deliveries; re-enable it under Settings > Webhooks.\"}]}",
                "{\"id\": 35437, \"subject\": \"Second ticket\", \"status\": \"open\", \"requester_id\": 1, \"comments\": []}");

        List<Ticket> tickets = TicketExports.readJson(zendesk);

        assertThat(tickets).hasSize(2);
        Ticket first = tickets.getFirst();
        assertThat(first.id()).isEqualTo("35436");
        assertThat(first.outcome()).isEqualTo("resolved");
        assertThat(first.messages()).extracting(Ticket.Message::fromCustomer).containsExactly(true, false);
        assertThat(first.messages()).noneMatch(message -> message.body().contains("Internal"));
        assertThat(tickets.get(1).outcome()).isEqualTo("open");
        // No comments and no description: nothing to chunk but the subject.
        assertThat(tickets.get(1).messages()).isEmpty();
    }

    @Test
    void readsTheDocumentedCsvWithOneRowPerMessage() throws Exception {
        List<Ticket> tickets = TicketExports.readCsv("""
                ticket_id,subject,status,outcome,tags,from,author,body
                T-1,Parcel lost,solved,,shipping;claims,customer,Ann,"My parcel never arrived, order 5521."
                T-1,Parcel lost,solved,,shipping;claims,agent,Bo,"We opened a claim; a refund follows in 5 days."
                T-2,Invoice copy,open,,,customer,Cy,Please send ann@example.org a copy.
                """);

        assertThat(tickets).hasSize(2);
        assertThat(tickets.get(0).outcome()).isEqualTo("resolved");
        assertThat(tickets.get(0).tags()).containsExactly("shipping", "claims");
        assertThat(tickets.get(0).messages()).extracting(Ticket.Message::fromCustomer).containsExactly(true, false);
        assertThat(tickets.get(1).messages().getFirst().body()).isEqualTo("Please send [email] a copy.");
    }

    @Test
    void refusesFilesThatAreNotTicketExports() {
        assertThatThrownBy(() -> TicketExports.readJson("{\"name\": \"not tickets\"}"))
            .isInstanceOf(UnreadableFileException.class).hasMessage("not a ticket export");
        assertThatThrownBy(() -> TicketExports.readJson("{broken")).isInstanceOf(UnreadableFileException.class)
            .hasMessage("invalid JSON");
        assertThatThrownBy(() -> TicketExports.readCsv("name,price\nkettle,10\n")).isInstanceOf(UnreadableFileException.class)
            .hasMessageStartingWith("not a ticket export");
    }
}
