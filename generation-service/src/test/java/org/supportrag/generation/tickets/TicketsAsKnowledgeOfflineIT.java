package org.supportrag.generation.tickets;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.supportrag.generation.testing.FakeRetrieval;
import org.supportrag.generation.testing.GenerationIT;
import org.supportrag.generation.testing.ServiceClient.Sse;
import org.supportrag.generation.testing.ServiceClient;
import org.supportrag.generation.testing.Stubs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportrag.generation.testing.ServiceClient.body;
import static org.supportrag.generation.testing.ServiceClient.customer;
import static org.supportrag.generation.testing.ServiceClient.newTenant;

/**
 * The default offline answerer with another customer's ticket retrieved above the plans page: the price comes from
 * the plans page and the other customer's invoice number never appears.
 */
@GenerationIT
class TicketsAsKnowledgeOfflineIT {

    static final FakeRetrieval retrieval = Stubs.RETRIEVAL;

    @Autowired
    ServiceClient chat;

    @BeforeEach
    void setUp() {
        retrieval.results(List.of(TicketsAsKnowledgeIT.TICKET, TicketsAsKnowledgeIT.PLANS));
    }

    @Test
    void thePriceOfTheProPlanComesFromThePlansPageNotAnotherCustomersTicket() throws Exception {
        Sse sse = chat.stream(customer(newTenant()), body("What does the Pro plan cost?"));

        assertThat(sse.text()).contains("$49").doesNotContain("PCL-2025").doesNotContain("I meant to choose");
        assertThat(sse.named("citation")).isNotEmpty();
        assertThat(sse.named("citation").getFirst().data().get("chunkId").stringValue())
            .isEqualTo(TicketsAsKnowledgeIT.PLANS.chunkId().toString());
        // Nor do citation snippets show the other customer's words or invoice number.
        assertThat(sse.named("citation")).allSatisfy(citation -> assertThat(citation.data().toString())
            .doesNotContain("PCL-2025").doesNotContain("I meant to choose"));
    }
}
