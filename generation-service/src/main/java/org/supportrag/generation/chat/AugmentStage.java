package org.supportrag.generation.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.crm.CustomerContext;
import org.supportrag.generation.guardrail.Guardrails;
import org.supportrag.generation.guardrail.InputVerdict;
import org.supportrag.generation.routing.ModelChain;
import org.supportrag.generation.tickets.SimilarTickets;

/**
 * Stage 4, augment: context beyond the help-center excerpts. Similar resolved tickets (searched alongside the
 * documents, screened like them since tickets hold customer text) and the customer's CRM data (tools or fetched now).
 * Only LLM prompts can use them, so offline turns search no tickets.
 */
@Component
@RequiredArgsConstructor
class AugmentStage {

    static final String NAME = "augment";

    private final SimilarTickets tickets;
    private final CustomerContext customers;
    private final Guardrails guardrails;
    private final ModelChain answerer;
    private final StageObserver observer;

    /** The similar-ticket search, started before retrieval so both run at once. */
    record Pending(CompletableFuture<List<SearchHit>> pastCases) {

        void cancel() {
            pastCases.cancel(true);
        }
    }

    /**
     * @param background prompt sections beyond the excerpts (past cases, CRM data)
     * @param tools objects whose {@code @Tool} methods the model may call
     * @param pastCases the screened similar tickets, for the output guard against other customers' identifiers
     */
    record Augmented(List<String> background, List<Object> tools, CustomerContext.Prepared customer,
            List<SearchHit> pastCases) {
    }

    Pending start(Turn turn, InputVerdict input) {
        return new Pending(answerer.usesPrompts() ? tickets.search(input.question(), turn.knowledgeBase())
                : CompletableFuture.completedFuture(List.of()));
    }

    Augmented augment(Turn turn, Pending pending, List<SearchHit> hits) {
        return observer.observe(NAME, context -> {
            List<SearchHit> pastCases = guardrails.screenContext(pending.pastCases().join()).kept();
            List<String> background = new ArrayList<>(tickets.section(pastCases, hits));
            CustomerContext.Prepared customer = customers.prepare(turn.caller(), answerer.usesPrompts());
            background.addAll(customer.background());
            context.items(background.size()).outcome(customer.unavailable() ? CustomerContext.CRM_UNAVAILABLE
                    : "success");
            return new Augmented(background, customer.tools(), customer, pastCases);
        });
    }
}
