package org.supportrag.generation.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.answer.Answerer;
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
class AugmentStage {

    static final String NAME = "augment";

    private final SimilarTickets tickets;
    private final CustomerContext customers;
    private final Guardrails guardrails;
    private final Answerer answerer;
    private final StageObserver observer;

    AugmentStage(SimilarTickets tickets, CustomerContext customers, Guardrails guardrails, ModelChain answerer,
            StageObserver observer) {
        this.tickets = tickets;
        this.customers = customers;
        this.guardrails = guardrails;
        this.answerer = answerer;
        this.observer = observer;
    }

    /** The similar-ticket search, started before retrieval so both run at once. */
    record Pending(CompletableFuture<List<SearchHit>> pastCases) {

        void cancel() {
            pastCases.cancel(true);
        }
    }

    /**
     * @param background prompt sections beyond the excerpts (past cases, CRM data)
     * @param tools objects whose {@code @Tool} methods the model may call
     */
    record Augmented(List<String> background, List<Object> tools, CustomerContext.Prepared customer) {
    }

    Pending start(Turn turn, InputVerdict input) {
        return new Pending(answerer.usesPrompts() ? tickets.search(input.question(), turn.knowledgeBase())
                : CompletableFuture.completedFuture(List.of()));
    }

    Augmented augment(Turn turn, Pending pending, List<SearchHit> hits) {
        return observer.observe(NAME, context -> {
            List<String> background = new ArrayList<>(
                    tickets.section(guardrails.screenContext(pending.pastCases().join()).kept(), hits));
            CustomerContext.Prepared customer = customers.prepare(turn.caller(), answerer.usesPrompts());
            background.addAll(customer.background());
            context.items(background.size()).outcome(customer.unavailable() ? CustomerContext.CRM_UNAVAILABLE
                    : "success");
            return new Augmented(background, customer.tools(), customer);
        });
    }
}
