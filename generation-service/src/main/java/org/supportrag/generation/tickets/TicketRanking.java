package org.supportrag.generation.tickets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.privacy.PiiRedactor;
import org.supportrag.generation.guardrail.ChunkTextCache;

/**
 * Retrieved ticket chunks made safe to use and ranked after documentation. A ticket chunk's text keeps only what the
 * agent said (chunks indexed before ingestion dropped the customer's words still start with {@code Question:}) and is
 * scrubbed with the shared redactor (ingestion does the same; this covers older indexes), so neither the answer nor a
 * citation snippet shows another customer's words or identifiers. Then its score loses {@code rank-penalty} of itself
 * and the chunks are ranked again: a help-center page that states a fact comes before a past ticket that mentions it
 * (a ticket is one customer's case; the page is the rule), while a ticket still leads when nothing in the
 * documentation comes close.
 */
@Component
public class TicketRanking {

    static final String LEGACY_QUESTION = "Question:";
    static final String RESOLUTION = "Resolution:";
    static final String CUSTOMER = "Customer: ";
    static final String AGENT = "Agent: ";

    // Ticket chunks come back turn after turn; scrubbing one again costs milliseconds before the first token.
    static final int SCRUBBED_CHUNKS = 1024;

    private final double penalty;
    private final PiiRedactor redactor;
    private final ChunkTextCache<String> scrubbed;

    TicketRanking(TicketProperties properties, PiiRedactor redactor) {
        this.penalty = properties.rankPenalty();
        this.redactor = redactor;
        this.scrubbed = new ChunkTextCache<>("ticket-chunks-scrubbed", SCRUBBED_CHUNKS, this::scrub);
    }

    /** The hits with ticket chunks made safe and penalised, re-ranked; ranks renumbered from 1. */
    public List<SearchHit> documentationFirst(List<SearchHit> hits) {
        if (hits.stream().noneMatch(SearchHit::ticket)) {
            return hits;
        }
        List<SearchHit> scored = new ArrayList<>(hits.size());
        for (SearchHit hit : hits) {
            if (!hit.ticket()) {
                scored.add(hit);
                continue;
            }
            String text = safeText(hit.text());
            // A chunk that held only the customer's words has nothing left to offer.
            if (!text.isBlank()) {
                scored.add(hit.with(text, hit.score() * (1 - penalty), hit.rank()));
            }
        }
        // Stable: equal scores keep retrieval's order.
        scored.sort(Comparator.comparingDouble(SearchHit::score).reversed());
        List<SearchHit> ranked = new ArrayList<>(scored.size());
        for (SearchHit hit : scored) {
            ranked.add(hit.with(hit.text(), hit.score(), ranked.size() + 1));
        }
        return ranked;
    }

    /** The agent's part of a ticket chunk, scrubbed. */
    String safeText(String text) {
        return scrubbed.get(text);
    }

    private String scrub(String text) {
        String agent = text;
        if (text.stripLeading().startsWith(LEGACY_QUESTION)) {
            int resolution = text.indexOf(RESOLUTION);
            agent = resolution < 0 ? "" : text.substring(resolution);
        }
        else if (text.contains(CUSTOMER)) {
            // A thread chunk: paragraphs from a "Customer:" line up to the next "Agent:" line are the customer's.
            StringBuilder kept = new StringBuilder();
            boolean customer = false;
            for (String paragraph : text.split("\n\n")) {
                if (paragraph.startsWith(CUSTOMER)) {
                    customer = true;
                }
                else if (paragraph.startsWith(AGENT)) {
                    customer = false;
                }
                if (!customer) {
                    kept.append(kept.isEmpty() ? "" : "\n\n").append(paragraph);
                }
            }
            agent = kept.toString();
        }
        return redactor.scrub(agent, List.of()).text().strip();
    }
}
