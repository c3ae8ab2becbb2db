package org.supportrag.generation.chat;

import java.util.List;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import org.supportrag.contracts.retrieval.v1.QueryTerm;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.defaults.problem.ApiProblemException;
import org.supportrag.generation.answer.Question;
import org.supportrag.generation.confidence.Glossary;
import org.supportrag.generation.guardrail.ContextScreen;
import org.supportrag.generation.guardrail.Guardrails;
import org.supportrag.generation.guardrail.InputVerdict;
import org.supportrag.generation.retrieval.RetrievalClient;
import org.supportrag.generation.tickets.TicketRanking;

/**
 * Stage 2, rewrite and retrieve: searches the knowledge base for the (redacted) question with the conversation's
 * earlier turns (retrieval rewrites a follow-up into a standalone query; German turns go as their English gloss)
 * and leaves out chunks carrying instructions for the assistant (indirect injection). When retrieval is unavailable (failing, too slow, its breaker open) the
 * turn goes on without context, flagged {@value #RETRIEVAL_UNAVAILABLE}: the answerer declines offline and the turn
 * is handed over by confidence, never a 5xx for the customer.
 */
@Component
@RequiredArgsConstructor
class RetrieveStage {

    static final String NAME = "retrieve";
    static final String RETRIEVAL_UNAVAILABLE = "retrieval_unavailable";

    private static final Logger log = LoggerFactory.getLogger(RetrieveStage.class);

    private final RetrievalClient retrieval;
    private final Guardrails guardrails;
    private final StageObserver observer;
    private final TicketRanking ranking;

    /**
     * The chunks the answer may cite, best first.
     *
     * @param flags guardrail flags of the screening (e.g. {@code prompt_injection} when a chunk was left out)
     * @param millis time from the turn's start until the chunks were known
     * @param standaloneQuery what retrieval searched when it resolved the follow-up with the earlier turns
     * @param queryTerms the searched words and whether the knowledge base contains each (empty: not said)
     */
    record Retrieved(List<SearchHit> hits, List<String> flags, long millis, @Nullable String standaloneQuery,
            List<QueryTerm> queryTerms) {
    }

    Retrieved retrieve(Turn turn, InputVerdict input, long startedNanos) {
        return observer.observe(NAME, context -> {
            // Both speakers' earlier turns go along: the entity a follow-up refers to is often named by the agent.
            // Not the assistant's declines and hand-overs: after an outage their words ("sorry", "contact support")
            // made every follow-up a search for them. The embedding model and the term statistics are English-only:
            // a German turn is searched as its gloss.
            String query = Glossary.english(input.question());
            List<Question.PriorMessage> history = input.history()
                .stream()
                .filter(Question.PriorMessage::searchable)
                .map(prior -> prior.withContent(Glossary.english(prior.content())))
                .toList();
            RetrievalClient.Found found;
            try {
                found = turn.evaluation() == null ? retrieval.search(query, turn.knowledgeBase(), history)
                        : retrieval.search(query, turn.knowledgeBase(), history, turn.evaluation().searchMode(),
                                turn.evaluation().topK());
            }
            catch (ApiProblemException ex) {
                if (turn.evaluation() != null) {
                    // An evaluation run measures retrieval: an outage must fail its item, not score a decline.
                    throw ex;
                }
                log.warn("Retrieval unavailable: the turn goes on without context ({})", ex.getMessage());
                context.items(0).outcome("unavailable");
                return new Retrieved(List.of(), List.of(RETRIEVAL_UNAVAILABLE),
                        (System.nanoTime() - startedNanos) / 1_000_000, null, List.of());
            }
            // Documentation before tickets stating the same fact, then chunks carrying instructions left out.
            ContextScreen screened = guardrails.screenContext(ranking.documentationFirst(found.hits()));
            long millis = (System.nanoTime() - startedNanos) / 1_000_000;
            context.items(screened.kept().size()).outcome(screened.dropped() > 0 ? "screened"
                    : found.standaloneQuery() != null ? "rewritten" : "success");
            return new Retrieved(screened.kept(), screened.flags(), millis, found.standaloneQuery(),
                    found.queryTerms());
        });
    }
}
