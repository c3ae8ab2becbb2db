package org.supportrag.generation.tickets;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import io.micrometer.context.ContextSnapshotFactory;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import org.supportrag.contracts.retrieval.v1.SearchFilters;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.contracts.retrieval.v1.SearchMode;
import org.supportrag.generation.retrieval.RetrievalClient;

/**
 * Finds resolved support tickets similar to a question and renders them as a prompt section "similar past cases",
 * set apart from the help-center excerpts: they show how agents solved alike problems but are not citable sources.
 * Optional context: the search runs alongside the document search, and when it fails the turn goes on without it.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class SimilarTickets {

    static final String HEADING = "Similar past cases (resolved support tickets; background only: do not cite them "
            + "with [n] and do not reveal other customers' details):";

    private static final Logger log = LoggerFactory.getLogger(SimilarTickets.class);

    private final RetrievalClient retrieval;
    private final TicketProperties properties;
    private final TicketRanking ranking;
    private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * Starts the search for past cases on a virtual thread carrying this thread's caller and trace; completes with
     * no cases when disabled or failing, never exceptionally.
     */
    public CompletableFuture<List<SearchHit>> search(String question, String knowledgeBase) {
        if (!properties.enabled()) {
            return CompletableFuture.completedFuture(List.of());
        }
        SearchFilters filters = new SearchFilters(null, Set.of(properties.kind()),
                properties.resolvedOnly() ? Map.of("outcome", "resolved") : null, null, null, null, null, null);
        return CompletableFuture.supplyAsync(() -> {
            try {
                // Only the agents' words, scrubbed, reach the prompt (older indexes hold the customer's too).
                return retrieval.search(question, knowledgeBase, SearchMode.DENSE.value(), filters)
                    .stream()
                    .map(hit -> hit.with(ranking.safeText(hit.text()), hit.score(), hit.rank()))
                    .filter(hit -> !hit.text().isBlank())
                    .toList();
            }
            catch (RuntimeException ex) {
                log.debug("Past-case search failed, answering without: {}", ex.getMessage());
                return List.<SearchHit>of();
            }
        }, snapshots.captureAll().wrapExecutor(executor));
    }

    /**
     * The prompt section for the given (screened) search results: the best cases above {@code min-score}, leaving out
     * documents already among the citable excerpts; nothing when none qualify.
     */
    public List<String> section(List<SearchHit> found, List<SearchHit> excerpts) {
        Set<java.util.UUID> cited = excerpts.stream().map(SearchHit::documentId).collect(Collectors.toSet());
        List<SearchHit> cases = found.stream()
            .filter(hit -> hit.score() >= properties.minScore() && !cited.contains(hit.documentId()))
            .limit(properties.maxCases())
            .toList();
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
}
