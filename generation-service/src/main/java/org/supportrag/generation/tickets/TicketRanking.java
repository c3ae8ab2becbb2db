package org.supportrag.generation.tickets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;

import org.supportrag.contracts.retrieval.v1.SearchHit;

/**
 * Documentation before tickets: a retrieved ticket chunk's score loses {@code rank-penalty} of itself and the chunks
 * are ranked again, so a help-center page that states a fact comes before a past ticket that mentions it (a ticket is
 * one customer's case; the page is the rule). A ticket still leads when nothing in the documentation comes close.
 */
@Component
public class TicketRanking {

    private final double penalty;

    TicketRanking(TicketProperties properties) {
        this.penalty = properties.rankPenalty();
    }

    /** The hits re-ranked with ticket chunks penalised; ranks renumbered from 1, order otherwise kept. */
    public List<SearchHit> documentationFirst(List<SearchHit> hits) {
        if (penalty == 0 || hits.stream().noneMatch(SearchHit::ticket)) {
            return hits;
        }
        List<SearchHit> scored = new ArrayList<>(hits.size());
        for (SearchHit hit : hits) {
            scored.add(hit.ticket() ? hit.with(hit.text(), hit.score() * (1 - penalty), hit.rank()) : hit);
        }
        // Stable: equal scores keep retrieval's order.
        scored.sort(Comparator.comparingDouble(SearchHit::score).reversed());
        List<SearchHit> ranked = new ArrayList<>(scored.size());
        for (SearchHit hit : scored) {
            ranked.add(hit.with(hit.text(), hit.score(), ranked.size() + 1));
        }
        return ranked;
    }
}
