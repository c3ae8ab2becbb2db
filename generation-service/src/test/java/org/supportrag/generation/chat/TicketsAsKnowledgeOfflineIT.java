package org.supportrag.generation.chat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.supportrag.defaults.security.InternalTokenService;
import org.supportrag.defaults.testsupport.PostgresTestConfiguration;
import org.supportrag.defaults.testsupport.TestSecrets;
import org.supportrag.generation.chat.ChatClientSupport.Sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supportrag.generation.chat.ChatClientSupport.body;
import static org.supportrag.generation.chat.ChatClientSupport.customer;
import static org.supportrag.generation.chat.ChatClientSupport.newTenant;

/**
 * The default offline answerer with another customer's ticket retrieved above the plans page: the price comes from
 * the plans page and the other customer's invoice number never appears.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rag.security.internal.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET)
@Import(PostgresTestConfiguration.class)
class TicketsAsKnowledgeOfflineIT {

    static final FakeRetrieval retrieval = new FakeRetrieval();

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("rag.generation.retrieval-url", retrieval::url);
    }

    @AfterAll
    static void stopServers() {
        retrieval.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    InternalTokenService tokens;

    ChatClientSupport chat;

    @BeforeEach
    void setUp() {
        retrieval.reset();
        retrieval.results(List.of(TicketsAsKnowledgeIT.TICKET, TicketsAsKnowledgeIT.PLANS));
        chat = new ChatClientSupport(port, tokens);
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
