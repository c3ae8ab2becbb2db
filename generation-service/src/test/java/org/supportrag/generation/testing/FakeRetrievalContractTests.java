package org.supportrag.generation.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.supportrag.contracts.retrieval.v1.ConversationTurn;
import org.supportrag.contracts.retrieval.v1.RetrievalApi;
import org.supportrag.contracts.retrieval.v1.SearchFilters;
import org.supportrag.contracts.retrieval.v1.SearchRequest;
import org.supportrag.defaults.testsupport.ProducerContract;

/** The fake retrieval the generation ITs talk to answers only what retrieval's committed OpenAPI document allows. */
class FakeRetrievalContractTests {

    static final ProducerContract RETRIEVAL = ProducerContract.of("retrieval");
    static final FakeRetrieval FAKE = new FakeRetrieval();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        FAKE.close();
    }

    @Test
    void searchAnswerIsOneRetrievalDocuments() throws Exception {
        assertSearchDocumented(new SearchRequest("How do I get a refund?", null, 5, null, null, null));
    }

    @Test
    void searchWithHistoryAndFiltersIsOneRetrievalDocuments() throws Exception {
        FAKE.standaloneQuery("How long does a refund take?");
        FAKE.ticketResults(List.of(FakeRetrieval.REFUNDS));
        assertSearchDocumented(new SearchRequest("and how long?", "default", 3, null,
                new SearchFilters(null, java.util.Set.of("ticket"), null, null, null, null, null, null),
                List.of(new ConversationTurn("user", "I want a refund"),
                        new ConversationTurn("assistant", "You can request one within 30 days."))));
        FAKE.reset();
    }

    private static void assertSearchDocumented(SearchRequest search) throws Exception {
        String body = FakeRetrieval.JSON.writeValueAsString(search);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(FAKE.url() + RetrievalApi.SEARCH))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
        RETRIEVAL.assertDocuments("POST", RetrievalApi.SEARCH, body, response.statusCode(), response.body());
    }
}
