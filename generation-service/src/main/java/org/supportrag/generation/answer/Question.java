package org.supportrag.generation.answer;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.supportrag.contracts.retrieval.v1.QueryTerm;
import org.supportrag.contracts.retrieval.v1.SearchHit;
import org.supportrag.generation.prompt.ResolvedPrompts;

/**
 * A customer question with what the answer may be grounded on.
 *
 * @param text the customer's message
 * @param context retrieved chunks, best first; citation {@code [n]} refers to the n-th
 * @param history earlier messages of the conversation, oldest first
 * @param prompts the prompt templates of the conversation, for answerers that {@link Answerer#usesPrompts() use}
 *                them; {@code null} means the bundled defaults
 * @param background further prompt sections that are not citable help-center excerpts (similar past cases, the
 *                   customer's CRM data), each complete with its heading; LLM answerers add them to the prompt
 * @param tools objects with Spring AI {@code @Tool} methods the model may call (LLM answerers only)
 * @param standalone the follow-up rewritten with what the earlier turns named (what retrieval searched), or
 *                   {@code null} when the message stands on its own; the offline answerer matches sentences to it
 * @param queryTerms the searched words and whether the knowledge base contains each (empty: not known)
 */
public record Question(String text, List<SearchHit> context, List<PriorMessage> history,
        @Nullable ResolvedPrompts prompts, List<String> background, List<Object> tools, @Nullable String standalone,
        List<QueryTerm> queryTerms) {

    public Question(String text, List<SearchHit> context, List<PriorMessage> history,
            @Nullable ResolvedPrompts prompts, List<String> background, List<Object> tools) {
        this(text, context, history, prompts, background, tools, null, List.of());
    }

    /** This question with the standalone form retrieval searched ({@code null}: none). */
    public Question withStandalone(@Nullable String query) {
        return new Question(text, context, history, prompts, background, tools, query, queryTerms);
    }

    /** This question knowing which searched words the knowledge base contains. */
    public Question withQueryTerms(List<QueryTerm> terms) {
        return new Question(text, context, history, prompts, background, tools, standalone, terms);
    }

    /** What the question asks on its own: the standalone form when there is one, else the message. */
    public String standaloneText() {
        return standalone == null || standalone.isBlank() ? text : standalone;
    }

    public Question {
        context = List.copyOf(context);
        history = List.copyOf(history);
        background = List.copyOf(background);
        tools = List.copyOf(tools);
        queryTerms = List.copyOf(queryTerms);
    }

    public Question(String text, List<SearchHit> context, List<PriorMessage> history,
            @Nullable ResolvedPrompts prompts) {
        this(text, context, history, prompts, List.of(), List.of());
    }

    public Question(String text, List<SearchHit> context, List<PriorMessage> history) {
        this(text, context, history, null);
    }

    public Question(String text, List<SearchHit> context) {
        this(text, context, List.of());
    }

    /**
     * An earlier message of the conversation.
     *
     * @param searchable whether it goes to retrieval with a follow-up: an assistant message citing nothing (a
     *                   decline, a hand-over, "the help center is unavailable") names nothing a follow-up refers to,
     *                   and its words would only pull the search towards other declines
     */
    public record PriorMessage(boolean fromCustomer, String content, boolean searchable) {

        public PriorMessage(boolean fromCustomer, String content) {
            this(fromCustomer, content, true);
        }

        public PriorMessage withContent(String replaced) {
            return new PriorMessage(fromCustomer, replaced, searchable);
        }
    }
}
