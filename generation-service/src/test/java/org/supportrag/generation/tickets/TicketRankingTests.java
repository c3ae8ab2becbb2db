package org.supportrag.generation.tickets;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.privacy.PiiRedactor;

import static org.assertj.core.api.Assertions.assertThat;

class TicketRankingTests {

    private final TicketRanking ranking = new TicketRanking(new TicketProperties(true, "ticket", true, 2, 0.6, 1200,
            0.25), new PiiRedactor());

    static SearchHit hit(String text, double score, String kind) {
        return new SearchHit(UUID.randomUUID(), UUID.randomUUID(), "t", null, null, text, score, 0, kind);
    }

    @Test
    void documentationStatingTheSameFactOutranksATicketThatScoredALittleHigher() {
        SearchHit ticket = hit("Resolution: Pro is $49 per month.", 0.86, SearchHit.TICKET);
        SearchHit page = hit("| Pro | $49 per month | $470 per year |", 0.78, "markdown");

        List<SearchHit> ranked = ranking.documentationFirst(List.of(ticket, page));

        assertThat(ranked).extracting(SearchHit::chunkId).containsExactly(page.chunkId(), ticket.chunkId());
        assertThat(ranked).extracting(SearchHit::rank).containsExactly(1, 2);
    }

    @Test
    void aTicketStillLeadsWhenNoDocumentComesClose() {
        SearchHit ticket = hit("Resolution: recalibrate the Rollo by holding the feed button.", 0.85, SearchHit.TICKET);
        SearchHit page = hit("Parcelly supports many printers.", 0.40, "markdown");

        assertThat(ranking.documentationFirst(List.of(page, ticket)).getFirst().chunkId()).isEqualTo(ticket.chunkId());
    }

    @Test
    void olderTicketChunksLoseTheCustomersWordsAndIdentifiers() {
        SearchHit legacy = hit("""
                Question: I was charged $470 (invoice PCL-2025-001873), my login is sophie@example.com.

                Resolution: Refunded in full; today's $49 charge is on invoice PCL-2025-001902.""", 0.9,
                SearchHit.TICKET);
        SearchHit thread = hit("""
                Subject: Annual plan by mistake
                Outcome: resolved

                Customer: I am so angry, refund me now!

                Still angry.

                Agent: Hi Sophie, the refund is on its way.""", 0.8, SearchHit.TICKET);

        List<SearchHit> ranked = ranking.documentationFirst(List.of(legacy, thread));

        assertThat(ranked.get(0).text()).startsWith("Resolution: Refunded in full").doesNotContain("PCL-2025",
                "sophie@example.com", "charged $470");
        assertThat(ranked.get(1).text()).contains("Subject: Annual plan", "Agent: Hi [name], the refund")
            .doesNotContain("angry");
    }

    @Test
    void documentsAreLeftAsTheyCame() {
        List<SearchHit> hits = List.of(hit("Call +1 800 555 0199.", 0.5, "markdown"));

        assertThat(ranking.documentationFirst(hits)).isSameAs(hits);
    }
}
