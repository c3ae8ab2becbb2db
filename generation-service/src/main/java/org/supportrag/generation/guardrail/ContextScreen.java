package org.supportrag.generation.guardrail;

import java.util.List;

import org.supportrag.contracts.retrieval.v1.SearchHit;

/**
 * Retrieved chunks after the indirect-injection check.
 *
 * @param kept the chunks the answer may use, in retrieval order; citation {@code [n]} refers to the n-th
 * @param dropped how many chunks carried instructions for the assistant and were left out
 * @param flags {@code prompt_injection} when any was dropped
 */
public record ContextScreen(List<SearchHit> kept, int dropped, List<String> flags) {

    public ContextScreen {
        kept = List.copyOf(kept);
        flags = List.copyOf(flags);
    }
}
