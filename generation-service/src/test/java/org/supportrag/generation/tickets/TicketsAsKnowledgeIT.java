package org.supportrag.generation.tickets;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.testing.FakeRetrieval;
import org.supportrag.generation.testing.GenerationIT;
import org.supportrag.generation.testing.ServiceClient.Sse;
import org.supportrag.generation.testing.ServiceClient;
import org.supportrag.generation.testing.StubOpenAiProvider;
import org.supportrag.generation.testing.Stubs;
import org.supportrag.stub.openai.OpenAiStubServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportrag.generation.testing.ServiceClient.body;
import static org.supportrag.generation.testing.ServiceClient.customer;
import static org.supportrag.generation.testing.ServiceClient.newTenant;

/**
 * Tickets as knowledge, safely, around an LLM (the OpenAI-compatible stub over real HTTP): with the demo's ticket
 * PCL-1003 (another customer's annual Pro plan refund, as earlier ingestion stored it, invoice number included)
 * retrieved above the plans page, the plans page is what the model sees first and an invoice number the model copies
 * from the ticket never reaches the customer.
 */
@GenerationIT
@StubOpenAiProvider
class TicketsAsKnowledgeIT {

    static final FakeRetrieval retrieval = Stubs.RETRIEVAL;
    static final OpenAiStubServer llm = Stubs.LLM;

    static final SearchHit TICKET = new SearchHit(UUID.randomUUID(), UUID.randomUUID(),
            "Ticket PCL-1003: I bought the annual Pro plan by mistake", "parcelly-tickets.json#PCL-1003",
            "Ticket PCL-1003: I bought the annual Pro plan by mistake > Q&A 1", """
            Question: Hello, my trial ended last week and I upgraded to Pro. I meant to choose monthly billing, but I \
            just saw that I was charged $470 for a whole year (invoice PCL-2025-001873). I'm a small shop and I'd \
            rather pay $49 per month.

            Resolution: Your plan now shows Pro – monthly under Settings → Billing → Plan, and today's $49 charge is \
            on invoice PCL-2025-001902. The replacement label went out as Z9X7-55120.""", 0.86, 0, SearchHit.TICKET);
    static final SearchHit PLANS = new SearchHit(UUID.randomUUID(), UUID.randomUUID(), "Plans and pricing",
            "plans-and-pricing.md", "Plans and pricing > Prices", """
            Prices are per account, billed in advance. Annual billing saves about 20% compared with paying monthly.

            | Plan | Monthly billing | Annual billing |
            |---|---|---|
            | Starter | $19 per month | $182 per year |
            | Pro | $49 per month | $470 per year |
            | Business | $149 per month | $1,430 per year |""", 0.78, 0, "markdown");

    @Autowired
    ServiceClient chat;

    @BeforeEach
    void setUp() {
        retrieval.results(List.of(TICKET, PLANS));
    }

    static JsonNode done(Sse sse) {
        assertThat(sse.events().getLast().name()).isEqualTo("done");
        return sse.events().getLast().data();
    }

    @Test
    void thePlansPageOutranksAnotherCustomersTicketForThePrice() throws Exception {
        llm.respondWith("The Pro plan costs $49 per month or $470 per year [1].");

        Sse sse = chat.stream(customer(newTenant()), body("What does the Pro plan cost?"));

        String prompt = llm.chatRequests().getFirst().lastUserMessage();
        assertThat(prompt.indexOf("[1] Plans and pricing")).isNotNegative();
        assertThat(prompt.indexOf("[1] Plans and pricing")).isLessThan(prompt.indexOf("Ticket PCL-1003"));
        assertThat(sse.named("citation").getFirst().data().get("chunkId").stringValue())
            .isEqualTo(PLANS.chunkId().toString());
        assertThat(sse.text()).contains("$49 per month").doesNotContain("PCL-2025");
        // What the model saw of the ticket is the agent's resolution, scrubbed.
        assertThat(prompt).doesNotContain("PCL-2025-001873").doesNotContain("I meant to choose monthly billing");
        done(sse);
    }

    @Test
    void anIdentifierCopiedFromAnotherCustomersTicketNeverReachesTheCustomer() throws Exception {
        // Z9X7-55120 has no format the redactor knows, so it reaches the model: only the output guard can tell it
        // is another customer's.
        llm.respondWith("Pro costs $470 per year [2]. Your label is Z9X7-55120 [2].");

        Sse sse = chat.stream(customer(newTenant()), body("What does the Pro plan cost?"));

        assertThat(sse.text()).doesNotContain("Z9X7-55120").contains("Pro costs $470 per year", "[redacted]");
        assertThat(done(sse).get("flags").toString()).contains("ticket_identifier");
    }

    @Test
    void theCustomersOwnInvoiceNumberMayBeRepeatedToThem() throws Exception {
        llm.respondWith("Invoice PCL-2025-001873 is for the annual Pro plan; label Z9X7-55120 is yours [2].");

        Sse sse = chat.stream(customer(newTenant()),
                body("Why was I charged $470 on invoice PCL-2025-001873? And where is label Z9X7-55120?"));

        assertThat(sse.text()).contains("Invoice PCL-2025-001873", "Z9X7-55120");
        assertThat(done(sse).get("flags").toString()).doesNotContain("ticket_identifier");
    }
}
