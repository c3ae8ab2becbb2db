package org.supportrag.generation.tickets;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.retrieval.RetrievalClient;

/**
 * Finds resolved support tickets similar to a question and renders them as a prompt section "similar past cases",
 * set apart from the help-center excerpts: they show how agents solved alike problems but are not citable sources.
 * Optional context: when the search fails the turn goes on without it.
 */
@Service
public class SimilarTickets {

    static final String HEADING = "Similar past cases (resolved support tickets; background only: do not cite them "
            + "with [n] and do not reveal other customers' details):";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SimilarTickets.class);

    private final RetrievalClient retrieval;
    private final TicketProperties properties;

    SimilarTickets(RetrievalClient retrieval, TicketProperties properties) {
        this.retrieval = retrieval;
        this.properties = properties;
    }

    /** The prompt section, or nothing when disabled, nothing similar or the search failed. */
    public List<String> section(String question, String knowledgeBase) {
        if (!properties.enabled()) {
            return List.of();
        }
        String ticketBase = ticketKnowledgeBase(knowledgeBase);
        if (ticketBase == null) {
            return List.of();
        }
        List<SearchHit> cases;
        try {
            cases = retrieval.search(question, ticketBase)
                .stream()
                .filter(hit -> hit.score() >= properties.minScore())
                .limit(properties.maxCases())
                .toList();
        }
        catch (ErrorResponseException ex) {
            log.debug("Past-case search failed, answering without: {}", ex.getMessage());
            return List.of();
        }
        if (cases.isEmpty()) {
            return List.of();
        }
        StringBuilder section = new StringBuilder(HEADING);
        for (int i = 0; i < cases.size(); i++) {
            SearchHit hit = cases.get(i);
            String text = hit.text().strip();
            if (text.length() > properties.maxChars()) {
                text = text.substring(0, properties.maxChars()) + " …";
            }
            section.append("\n\nCase ").append(i + 1).append(": ").append(hit.title()).append('\n').append(text);
        }
        return List.of(section.toString());
    }

    /** Null when the name would be too long for a knowledge base (at most 100 characters). */
    private @org.jspecify.annotations.Nullable String ticketKnowledgeBase(String knowledgeBase) {
        String name = knowledgeBase + properties.knowledgeBaseSuffix();
        return name.length() > 100 || knowledgeBase.endsWith(properties.knowledgeBaseSuffix()) ? null : name;
    }
}
